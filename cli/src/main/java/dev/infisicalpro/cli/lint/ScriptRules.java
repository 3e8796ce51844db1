package dev.infisicalpro.cli.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for shell scripts and systemd unit files, read line by line; a command continued with a
 * trailing backslash is checked as one command, and findings point at the physical line.
 */
final class ScriptRules {

    /** {@code st.<id>.<secret>[.<key>]}; segments of 4+ characters so host names like st.example.com stay quiet. */
    static final Pattern SERVICE_TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9_.-])st\\.[A-Za-z0-9-]{4,}\\.[A-Za-z0-9]{4,}\\.[A-Za-z0-9]{4,}(?![A-Za-z0-9])");
    private static final Pattern INVOCATION = Pattern.compile("(?:^|[\\s;&|(`'\"/=])infisical(?=\\s)");
    private static final Pattern RAW = Pattern.compile("(?<=\\s)--raw(?=[\\s=;|&)'\"`]|$)");
    private static final Pattern TOKEN_FLAG = Pattern.compile("(?<=\\s)--token(?=[\\s=]|$)");
    private static final Pattern FOLDERS_CREATE = Pattern.compile("\\bsecrets\\s+folders\\s+create\\b");
    private static final Pattern SECRETS_LIST = Pattern.compile("\\bsecrets\\s+list\\b");

    private final String file;
    private final List<String> lines;
    private final int lineOffset;
    private final Findings out;

    ScriptRules(String file, List<String> lines, int lineOffset, Findings out) {
        this.file = file;
        this.lines = lines;
        this.lineOffset = lineOffset;
        this.out = out;
    }

    void run() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher token = SERVICE_TOKEN.matcher(lines.get(i));
            while (token.find()) {
                out.add(file, i + 1 + lineOffset, token.start() + 1, Rule.LITERAL_SERVICE_TOKEN,
                        "a literal service token: anyone who can read this file has it; pass it in at run time "
                                + "(INFISICAL_TOKEN from an EnvironmentFile with mode 600, or systemd LoadCredential=)");
            }
        }
        // logical commands: join continuation lines, remember where each character came from
        StringBuilder command = new StringBuilder();
        List<int[]> origin = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = code(lines.get(i));
            boolean continued = line.endsWith("\\");
            String part = continued ? line.substring(0, line.length() - 1) : line;
            for (int c = 0; c < part.length(); c++) {
                command.append(part.charAt(c));
                origin.add(new int[] {i + 1, c + 1});
            }
            command.append(' ');
            origin.add(new int[] {i + 1, part.length() + 1});
            if (!continued) {
                check(command.toString(), origin);
                command.setLength(0);
                origin.clear();
            }
        }
        if (command.length() > 0) {
            check(command.toString(), origin);
        }
    }

    private void check(String command, List<int[]> origin) {
        if (!INVOCATION.matcher(command).find()) {
            return;
        }
        Matcher raw = RAW.matcher(command);
        if (raw.find()) {
            add(origin, raw.start(), Rule.CLI_RAW_FLAG,
                    "--raw is gone from the infisical CLI: use --plain (with --silent to keep stdout clean)");
        }
        if (FOLDERS_CREATE.matcher(command).find()) {
            Matcher token = TOKEN_FLAG.matcher(command);
            if (token.find()) {
                add(origin, token.start(), Rule.CLI_FOLDERS_TOKEN, "infisical secrets folders create does not "
                        + "accept --token: create the folder with curl -X POST \"$DOMAIN/api/v1/folders\" -H "
                        + "\"Authorization: Bearer $TOKEN\" -d '{\"workspaceId\":…,\"environment\":…,\"path\":\"/\","
                        + "\"name\":…}' (or `infisical-pro folders create`)");
            }
        }
        Matcher list = SECRETS_LIST.matcher(command);
        if (list.find()) {
            add(origin, list.start(), Rule.CLI_SECRETS_LIST, "`infisical secrets list` does not exist: "
                    + "`infisical secrets` lists; for key names only: infisical secrets -o dotenv | grep -o '^[^=]*='");
        }
    }

    private void add(List<int[]> origin, int index, Rule rule, String message) {
        int[] at = origin.get(Math.min(index, origin.size() - 1));
        out.add(file, at[0] + lineOffset, at[1], rule, message);
    }

    /** The line without a trailing shell comment (a {@code #} at the start or after whitespace). */
    private static String code(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }
}

package dev.infisicalpro.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads all of stdin as strict UTF-8, up to a bound: the one way commands take text on stdin
 * ({@code exec-provider}'s request, {@code secrets set --stdin}'s value). The bound makes a mistaken pipe
 * (a log, {@code /dev/zero}) fail instead of filling memory; the messages never quote what was read.
 *
 * <pre>{@code
 * String request = StdinText.read(System.in, 1024 * 1024, "the request");
 * }</pre>
 */
public final class StdinText {

    private StdinText() {
    }

    /** Why stdin was refused; the message names {@code what} and the rule, never the content. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads {@code in} to its end.
     *
     * @param in       the stream, usually {@code System.in}
     * @param maxBytes the most bytes accepted
     * @param what     what is read, for messages (e.g. {@code "the request"})
     * @return the text
     * @throws Refused when it is larger than {@code maxBytes}, not UTF-8, or cannot be read
     */
    public static String read(InputStream in, int maxBytes, String what) throws Refused {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new Refused("cannot read " + what + " from stdin (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > maxBytes) {
            throw new Refused(what + " is larger than " + maxBytes + " bytes");
        }
        try {
            // newDecoder() reports malformed input instead of replacing it
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(what + " on stdin is not UTF-8");
        }
    }
}

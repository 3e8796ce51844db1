package dev.infisicalpro.cli.commands;

import dev.infisicalpro.Folder;
import dev.infisicalpro.FolderOptions;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro folders create|list}, with {@code --token} (the official CLI's
 * {@code secrets folders create} takes none).
 *
 * <pre>{@code
 * infisical-pro folders create /apps/billing/db --parents --env dev --token "$TOKEN"
 * infisical-pro folders list /apps --env dev
 * }</pre>
 */
@Command(name = "folders", mixinStandardHelpOptions = true, description = "Create and list folders.",
        subcommands = {FoldersCommand.Create.class, FoldersCommand.ListFolders.class},
        footer = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error.")
public final class FoldersCommand {

    /** {@code folders create PATH [--parents]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a folder; an existing folder is success.",
            footer = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error.")
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "PATH", description = "folder to create, e.g. /apps/billing")
        String path;

        @Option(names = {"--parents", "-p"}, description = "also create missing parent folders")
        boolean parents;

        @Override
        public Integer call() {
            try (Session session = Session.open(connection)) {
                Scope scope = session.scope(SecretPath.of(path));
                Folder f = parents ? session.client().folders().ensure(scope)
                        : session.client().folders().create(scope, FolderOptions.defaults());
                Cli.stdout().println(scope.environment() + ":" + f.path());
            }
            return ExitCodes.OK;
        }
    }

    /** {@code folders list [PATH]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the sub-folders of PATH (default: --path, else /), one full path per line.",
            footer = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error.")
    static final class ListFolders implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "PATH", arity = "0..1", description = "parent folder")
        String path;

        @Override
        public Integer call() {
            try (Session session = Session.open(connection)) {
                Scope scope = path == null ? session.singleScope("folders list") : session.scope(SecretPath.of(path));
                List<Folder> folders = session.client().folders().list(scope);
                folders.forEach(f -> Cli.stdout().println(f.path()));
            }
            return ExitCodes.OK;
        }
    }
}

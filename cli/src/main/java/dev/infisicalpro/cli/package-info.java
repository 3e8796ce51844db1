/**
 * The {@code infisical-pro} executable: {@link dev.infisicalpro.cli.Main} registers the commands;
 * {@link dev.infisicalpro.cli.ConnectionOptions} resolves the settings every command shares;
 * {@link dev.infisicalpro.cli.ExitCodes} lists the exit codes.
 *
 * <pre>{@code
 * int exit = Main.execute("generate", "--length", "40");
 * }</pre>
 */
package dev.infisicalpro.cli;

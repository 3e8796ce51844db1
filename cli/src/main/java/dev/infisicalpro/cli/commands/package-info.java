/**
 * {@code run}, {@code export}, {@code secrets}, {@code folders} and {@code generate}.
 *
 * <pre>{@code
 * Main.execute("secrets", "get", "DB_PASSWORD", "--plain", "--env", "prod", "--path", "/app");
 * }</pre>
 */
package dev.infisicalpro.cli.commands;

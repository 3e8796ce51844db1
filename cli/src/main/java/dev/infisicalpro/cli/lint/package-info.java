/**
 * {@code infisical-pro lint}: the field guide's Common Mistakes as static checks (no network) over
 * Kubernetes manifests, {@code openclaw.json}, scripts, systemd units and Markdown code blocks.
 * {@link dev.infisicalpro.cli.lint.Rule} lists every rule; {@link dev.infisicalpro.cli.lint.Linter}
 * runs them.
 *
 * <pre>{@code
 * LintResult result = new Linter().lint(List.of(Path.of("k8s")));
 * result.findings().forEach(f -> System.out.println(f.format()));
 * }</pre>
 */
package dev.infisicalpro.cli.lint;

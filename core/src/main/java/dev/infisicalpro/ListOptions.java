package dev.infisicalpro;

/**
 * Options of a list. Every flag is sent explicitly as {@code "true"}/{@code "false"}: server defaults
 * have changed between versions.
 *
 * <pre>{@code
 * ListOptions.defaults();                         // imports and references on, not recursive
 * ListOptions.defaults().withRecursive(true);
 * }</pre>
 *
 * @param recursive        include sub-folders
 * @param includeImports   include imported secrets
 * @param expandReferences expand {@code ${...}} references server-side
 */
public record ListOptions(boolean recursive, boolean includeImports, boolean expandReferences) {

    /** Not recursive, imports included, references expanded (the configuration contract's defaults). */
    public static ListOptions defaults() {
        return new ListOptions(false, true, true);
    }

    /** Copy with {@code recursive} changed. */
    public ListOptions withRecursive(boolean value) {
        return new ListOptions(value, includeImports, expandReferences);
    }

    /** Copy with {@code includeImports} changed. */
    public ListOptions withIncludeImports(boolean value) {
        return new ListOptions(recursive, value, expandReferences);
    }

    /** Copy with {@code expandReferences} changed. */
    public ListOptions withExpandReferences(boolean value) {
        return new ListOptions(recursive, includeImports, value);
    }
}

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

    /**
     * Not recursive, imports included, references expanded (the configuration contract's defaults).
     *
     * @return the default options
     */
    public static ListOptions defaults() {
        return new ListOptions(false, true, true);
    }

    /**
     * Copy with {@code recursive} changed.
     *
     * @param value also list the secrets of sub-folders
     * @return a copy with only {@code recursive} changed
     */
    public ListOptions withRecursive(boolean value) {
        return new ListOptions(value, includeImports, expandReferences);
    }

    /**
     * Copy with {@code includeImports} changed.
     *
     * @param value include the secrets the folder imports from other folders or environments
     * @return a copy with only {@code includeImports} changed
     */
    public ListOptions withIncludeImports(boolean value) {
        return new ListOptions(recursive, value, expandReferences);
    }

    /**
     * Copy with {@code expandReferences} changed.
     *
     * @param value let the server expand {@code ${...}} references in values
     * @return a copy with only {@code expandReferences} changed
     */
    public ListOptions withExpandReferences(boolean value) {
        return new ListOptions(recursive, includeImports, value);
    }
}

#!/bin/sh
# infisical-pro: a POSIX sh launcher followed by an executable jar. The JVM reads a jar from its end,
# so this text in front does not disturb it, and `java -jar infisical-pro` works as well. No shell is
# needed to start it: the kernel runs /bin/sh from the line above, as OpenClaw's exec provider does
# (absolute path, no shell, a minimal environment), so nothing here may rely on PATH alone.
#
# Java 17+ is looked up in: $INFISICAL_PRO_JAVA, $JAVA_HOME/bin/java, PATH, /usr/bin/java, then the
# last /usr/lib/jvm/*/bin/java. Extra JVM options: $INFISICAL_PRO_JAVA_OPTS.
java=""
if [ -n "${INFISICAL_PRO_JAVA:-}" ] && [ -x "$INFISICAL_PRO_JAVA" ]; then
  java="$INFISICAL_PRO_JAVA"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif [ -n "${PATH:-}" ] && command -v java >/dev/null 2>&1; then
  java="$(command -v java)"
elif [ -x /usr/bin/java ]; then
  java=/usr/bin/java
else
  for candidate in /usr/lib/jvm/*/bin/java; do
    if [ -x "$candidate" ]; then java="$candidate"; fi
  done
fi
if [ -z "$java" ]; then
  echo "infisical-pro: no Java found (set JAVA_HOME or INFISICAL_PRO_JAVA to a Java 17+ installation)" >&2
  exit 1
fi
# Without a locale (OpenClaw's and systemd's minimal environments) the JVM would encode environment
# variables and arguments as ASCII; C.UTF-8 keeps non-ASCII secret values intact. `run` removes this
# variable again from the child's environment (INFISICAL_PRO_LOCALE_ADDED says it was not the user's).
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
  LC_CTYPE=C.UTF-8 INFISICAL_PRO_LOCALE_ADDED=1
  export LC_CTYPE INFISICAL_PRO_LOCALE_ADDED
fi
# Short-lived by nature: C1 only and the serial collector start fastest. JVM warnings go to stderr
# (the default is stdout, which belongs to the exec-provider protocol and to export).
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr \
  ${INFISICAL_PRO_JAVA_OPTS:-} -jar "$0" "$@"

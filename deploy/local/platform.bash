# shellcheck shell=bash
# Functions shared by deploy/local/run, deploy/local/stop, .ci/run and bench/run. Sourced, never run.
# Every function prints its diagnostics on stderr and returns non-zero instead of exiting, so the
# caller decides whether a failure is fatal.

# The three services in start order: the api-service needs the other two healthy before it starts.
# shellcheck disable=SC2034 # used by the scripts that source this file
SWITCHBOARD_SERVICES=(catalog-service billing-service api-service)

# Prints the feature version (8, 17, 21, 25, ...) of the JDK at $1, or nothing when it is not a JDK.
jdk_feature_version() {
  local home=$1 version=""
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = //p')
  fi
  version=${version#1.} # 1.8.0_402 is Java 8
  version=${version%%[!0-9]*}
  printf '%s' "$version"
}

# Prints a JDK home of version 21 or newer: $JAVA_HOME when it qualifies, else the newest under
# /usr/lib/jvm. Fails with a message naming what was found when none qualifies.
pick_jdk() {
  local minimum=21 candidate version best="" best_version=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    version=$(jdk_feature_version "$JAVA_HOME")
    if [[ -n $version ]] && ((version >= minimum)); then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
    echo "JAVA_HOME=$JAVA_HOME is not a JDK >= $minimum (version '${version:-none}'); looking in /usr/lib/jvm" >&2
  fi
  for candidate in /usr/lib/jvm/*/; do
    [[ -d $candidate ]] || continue
    candidate=${candidate%/}
    version=$(jdk_feature_version "$candidate")
    if [[ -n $version ]] && ((version >= minimum && version > best_version)); then
      best=$candidate
      best_version=$version
    fi
  done
  if [[ -z $best ]]; then
    echo "No JDK >= $minimum found: set JAVA_HOME to one, or install one under /usr/lib/jvm" \
      "(for example: apt-get install openjdk-21-jdk-headless, or Temurin 25)." >&2
    return 1
  fi
  printf '%s\n' "$best"
}

# Splits a URL such as postgresql://user:secret@db.example:5433/name?ssl=true or redis://[::1]
# into "host port" on stdout, using $2 when the URL names no port.
url_host_port() {
  local url=$1 default_port=$2 authority host port
  authority=${url#*://}
  authority=${authority%%[/?#]*}
  authority=${authority##*@}
  if [[ $authority == \[* ]]; then
    host=${authority%%]*}
    host=${host#[}
    port=${authority#*]}
    port=${port#:}
  elif [[ $authority == *:* ]]; then
    host=${authority%%:*}
    port=${authority#*:}
  else
    host=$authority
    port=""
  fi
  printf '%s %s\n' "${host:-127.0.0.1}" "${port:-$default_port}"
}

# True when something accepts TCP connections on host $1, port $2 (within two seconds).
tcp_answers() {
  # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# True when the Redis at host $1, port $2 answers PING with PONG (a password-protected Redis
# answers NOAUTH, which still proves it is up).
redis_answers() {
  # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
  timeout 2 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "PING\r\n" >&3
    IFS= read -r reply <&3
    [[ $reply == "+PONG"* || $reply == "-NOAUTH"* ]]' _ "$1" "$2" 2>/dev/null
}

# True when nothing listens on TCP port $1 of the loopback interfaces or the wildcard address.
port_free() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .
  else
    ! tcp_answers 127.0.0.1 "$port"
  fi
}

# Prints a TCP port that is free now, from the range Linux does not hand out as ephemeral ports
# by default (so an outgoing connection does not take it between the check and the bind), and
# different from every port given as an argument.
free_port() {
  local port taken attempt
  for attempt in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    for taken in "$@"; do
      [[ $port == "$taken" ]] && continue 2
    done
    if port_free "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  echo "No free TCP port found after $attempt attempts" >&2
  return 1
}

# Prints 48 hex characters of kernel randomness, for tokens.
random_token() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

# True when the service answers GET /actuator/health on port $1 with status UP.
service_healthy() {
  local body
  body=$(curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null) || return 1
  [[ $body == *'"status":"UP"'* ]]
}

# Prints the pid recorded in $1 when that process is alive and still runs the service's jar
# (guards against a pid reused by an unrelated process after a crash).
live_pid() {
  local pid_file=$1 service=$2 pid
  [[ -r $pid_file ]] || return 1
  pid=$(<"$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$service-[^ ]*\.jar" || return 1
  printf '%s\n' "$pid"
}

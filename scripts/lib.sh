# Shared helpers for the scripts in this folder. Source it; don't run it.

# Installs the npm tooling (Azurite, front-end libraries) when it is missing or package-lock.json changed.
ensure_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing npm tooling (first use)…"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Installs Debian's Chromium for the browser tests when it is missing (no browser download from the internet).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return
  fi
  echo "Installing Debian's chromium for the browser tests…"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# Waits until a TCP port on 127.0.0.1 accepts connections.
wait_for_port() {
  local port=$1 seconds=${2:-60}
  for _ in $(seq $((seconds * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "Nothing answered on port $port after ${seconds}s." >&2
  return 1
}

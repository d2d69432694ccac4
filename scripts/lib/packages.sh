# Installs the Debian packages the project needs when they are missing.

# install_packages PKG...: apt-get install, as root or through sudo.
install_packages() {
  echo "Installing missing packages: $*" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to install: $*" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# ensure_commands CMD:PKG...: installs PKG for every CMD that is not on the PATH.
ensure_commands() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] || install_packages "${missing[@]}"
}

# ensure_postgresql: Debian's PostgreSQL server (its binaries are not on the PATH).
ensure_postgresql() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install_packages postgresql
}

# ensure_node: Node.js and npm (Debian's packages when missing), at least the version the pinned npm
# tools need (tools/openapi: Redocly CLI 2 wants Node.js 20.19).
ensure_node() {
  ensure_commands node:nodejs npm:npm
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old for tools/openapi: install Node.js 20.19 or later" >&2
    return 1
  fi
}

# ensure_npm_tools DIR: the npm packages DIR's package-lock.json pins, into DIR/node_modules (ignored
# by git); npm runs again only when the lock file has changed since the last install.
ensure_npm_tools() {
  local dir="$1"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"
  fi
}

# The JVM flags signer-service needs: hsm-adapter maps token labels to slots through the JDK's
# PKCS#11 wrapper.
KYSO_JVM_FLAGS="--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"

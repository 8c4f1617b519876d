#!/usr/bin/env bash
# Runs a command (the end-to-end tests) in a network namespace of its own: loopback, plus a veth pair whose
# address 10.99.0.1 exists only inside it. Chromium's WebRTC never gathers loopback candidates, so two pages
# calling each other need a host address; inside the namespace that address reaches nothing but this machine's
# own namespace, and the SIP lab, web hosts and demo EHR stay on 127.0.0.1.
# Where namespaces cannot be created (no CAP_SYS_ADMIN, no user namespaces), it says so and runs the command
# as is: WebRTC then uses the host's own interface address, which the kernel still delivers locally.
set -euo pipefail

if [ "${CARELINE_IN_NETNS:-}" = "1" ]; then
  ip link set lo up
  ip link add careline0 type veth peer name careline1
  ip addr add 10.99.0.1/24 dev careline0
  ip link set careline0 up
  ip link set careline1 up
  exec "$@"
fi

ns_args=(--net)
[ "$(id -u)" -eq 0 ] || ns_args=(--user --map-root-user --net)
if command -v unshare >/dev/null && command -v ip >/dev/null && unshare "${ns_args[@]}" true 2>/dev/null; then
  CARELINE_IN_NETNS=1 exec unshare "${ns_args[@]}" "$0" "$@"
fi
echo "isolated-network: cannot create a network namespace here; running without one" >&2
exec "$@"

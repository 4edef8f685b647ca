#!/bin/bash
# bench/corpus/run.sh - placement and packing against the expert on the
# corpus NFs, with run-time profiles from generated traces.
#
#   bench/corpus/run.sh [BUILD_DIR]      (default: build; about 1 minute)
#
# For every NF of test/nf: generate a trace with clara-pcapgen (options per
# NF below, fixed seeds), replay it with clara-replay over the instrumented
# -g build (build/nf/<nf>.g.bc is the same code), then run opt with
# -clara-profile and print<clara-place-state> (with -clara-place-exhaustive)
# and print<clara-pack-vars> on agilio-cx, and print<clara-pack-vars> on
# bluefield2. Everything goes to BUILD_DIR/bench-corpus/: <nf>.pcap,
# <nf>.profile.yaml, <nf>.<nic>.txt, and the tables summary.md (also printed
# on stdout). Deterministic: the same build gives the same files.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$build/bench-corpus
mkdir -p "$out"
opt=${CLARA_OPT:-opt-19}
plugin=$build/lib/libClara.so

# NF | pcapgen options | clara-replay options | main-path function (mangled)
# | what the trace does
# The share of packets on the main path is that function's entry count over
# the profile's packets.
nfs=(
  "aggcounter|--flows 500 --flow-size uniform:1:40||_ZN16AggregateCounter12find_counterEj|mixed TCP/UDP, 500 flows; every IP packet is counted"
  "anonipaddr|--flows 500||_ZN15AnonymizeIPAddr11map_addressEjRj|mixed TCP/UDP, 500 flows; every packet anonymised"
  "cmsketch|--flows 2000 --flow-size zipf:1.1:20000 --addr-dist zipf:1||_ZN8CMSketch6updateERKNS_7FlowKeyEj|Zipf flow sizes so some flows pass the heavy-hitter threshold"
  "dnsproxy|--tcp 0 --dst-net 10.0.0.53/32 --dst-port 53 --flows 500 --payload dns||_ZN8DNSProxy14parse_questionEPKhS1_R6DNSKeyRj|UDP DNS queries (one A question per flow name) to the proxy, port 53; no upstream answers"
  "forcetcp|--tcp 1 --flows 500||_ZN8ForceTCP11fix_lengthsEP14WritablePacket|TCP flows only"
  "ipclassifier|--flows 500||_ZNK12IPClassifier8classifyERKNS_6FieldsE|mixed TCP/UDP, ports 53/80/123/443"
  "iplookup|--flows 500 --dst-net 10.0.0.0/8||_ZNK13RadixIPLookup12lookup_routeEjRi|destinations inside the routed 10/8 prefixes"
  "iprewriter|--tcp 1 --flows 1000||_ZN10IPRewriter14create_mappingERK8IPFlowIDij|TCP flows, new mappings and hits"
  "mazunat|--tcp 1 --flows 1000 --src-net 10.0.0.0/16 --dst-net 203.0.113.0/24||_ZN14MazuIPRewriter7rewriteEP14WritablePacketbjt|TCP flows from the inside net 10/8 to outside servers"
  "tcpack|--tcp 1 --flows 500||_ZN6TCPAck15receive_segmentEPK9click_tcpj|TCP flows only"
  "tcpgen|--tcp 1 --flows 200 --rate 50|--peer tcpresp|_ZN6TCPGen11process_ackEjtj|closed loop with tcpresp; trace = 42 s of clock ticks (TIME_WAIT is 2 s)"
  "tcpresp|--tcp 1 --flows 500 --dst-port 80||_ZNK12TCPResponder8classifyEPK9click_tcpj|TCP flows to port 80"
  "timefilter|--flows 1000 --rate 5000||_ZN10TimeFilter11note_passedERK9Timestamp|10,000 packets over 2 s at 5,000 pps, so the 1 s start delay passes"
  "udpcount|--tcp 0 --flows 500||_ZN8UDPCount13simple_actionEP6Packet|UDP flows only"
  "udpipencap|--flows 500||_ZN10UDPIPEncap13simple_actionEP6Packet|mixed TCP/UDP; every packet encapsulated"
  "webgen|--tcp 1 --flows 200 --rate 50|--peer tcpresp|_ZN6WebGen4pushEiP6Packet|closed loop with tcpresp (which sends no HTTP response data); 42 s of ticks"
  "wepdecap|--flows 500 --link wep:0badc0ffee||_ZN8WepDecap7decryptEP14WritablePacketi|802.11 frames WEP-encrypted with the default key 0badc0ffee"
)

field() { # field FILE LINE-PREFIX KEY
  awk -v p="$2" -v k="$3" 'index($0, p) == 1 { for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) { print substr($i, length(k) + 2); exit } }' "$1"
}

summary=$(mktemp "$out/summary.md.XXXXXX")
: >"$summary"
place_rows=$(mktemp "$out/place.rows.XXXXXX") # private: runs may overlap
pack_rows=$(mktemp "$out/pack.rows.XXXXXX")
: >"$place_rows"
: >"$pack_rows"
for row in "${nfs[@]}"; do
  IFS='|' read -r nf gen rep main what <<<"$row"
  [ -f "$build/nf/$nf.g.bc" ] || { echo "skip $nf: no $build/nf/$nf.g.bc" >&2; continue; }
  echo "corpus: $nf" >&2
  # shellcheck disable=SC2086
  "$build/bin/clara-pcapgen" -o "$out/$nf.pcap" --seed 1 $gen 2>/dev/null
  rm -f "$out/$nf.profile.yaml".*.yaml # a peer's profile (--peer)
  # shellcheck disable=SC2086
  "$build/bin/clara-replay" --quiet --element "$nf" $rep --profile "$out/$nf.profile.yaml" \
    "$out/$nf.pcap" >/dev/null
  packets=$(awk '/^packets:/{print $2; exit}' "$out/$nf.profile.yaml")
  reached=$(awk -v f="$main" 'index($0, "function: \"" f "\"") && / index: 0,/ { sub(/.*count: /, ""); sub(/}.*/, ""); print; exit }' "$out/$nf.profile.yaml")
  reached=${reached:-0}
  "$opt" -load-pass-plugin="$plugin" -disable-output \
    -passes='print<clara-place-state>,print<clara-pack-vars>' \
    -clara-nic=agilio-cx -clara-profile="$out/$nf.profile.yaml" \
    -clara-place-exhaustive "$build/nf/$nf.g.bc" >"$out/$nf.agilio-cx.txt" 2>&1 || true
  "$opt" -load-pass-plugin="$plugin" -disable-output \
    -passes='print<clara-pack-vars>' \
    -clara-nic=bluefield2 -clara-profile="$out/$nf.profile.yaml" \
    "$build/nf/$nf.g.bc" >"$out/$nf.bluefield2.txt" 2>&1 || true
  a=$out/$nf.agilio-cx.txt
  objs=$(field "$a" "clara-place-state:" Objects)
  clara=$(field "$a" PlacementSummary CyclesPerPacket)
  base=$(field "$a" PlacementSummary BaselineCyclesPerPacket)
  exh=$(field "$a" PlacementExhaustive ExhaustiveCyclesPerPacket)
  hot=$(field "$a" PlacementExhaustive HotObjects)
  diff=$(field "$a" PlacementExhaustive HotObjectsPlacedDifferently)
  [ -n "$exh" ] || exh="n/a ($(sed -n 's/^PlacementExhaustive unavailable: //p' "$a"))"
  echo "$nf|$what|$packets|$reached|$objs|${hot:-?}|$base|$clara|$exh|${diff:-}" >>"$place_rows"
  for nic in agilio-cx bluefield2; do
    f=$out/$nf.$nic.txt
    echo "$nf|$nic|$(field "$f" PackingSummary TransactionsPerPacketBefore)|$(field "$f" PackingSummary SortBySize)|$(field "$f" PackingSummary TransactionsPerPacketAfter)|$(field "$f" PackingSummary Expert)|$(field "$f" PackingSummary CyclesPerPacketBefore)|$(field "$f" PackingSummary CyclesPerPacketAfter)|$(grep -c '^Level ' "$f" || true)|$(awk '/^Level /{sub(/Variables=/, "", $3); n += $3} END {print n + 0}' "$f")|$(field "$f" PackingSummary AsWritten)|$(field "$f" PackingSummary Floor)" >>"$pack_rows"
  done
done

{
  echo "## Placement (agilio-cx)"
  echo
  echo "| NF | trace | packets | on main path | objects | with accesses | baseline (all EMEM) | Clara | exhaustive | Clara / exhaustive | hot objects placed differently |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'|' '{ share = ($3 > 0) ? sprintf("%.1f %%", 100 * $4 / $3) : "-";
    ratio = ($9 + 0 > 0 || $9 == "0") ? sprintf("%.6f", ($9 + 0 > 0) ? $8 / $9 : 1) : "-";
    printf "| %s | %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, share, $5, $6, $7, $8, $9, ratio, $10 }' "$place_rows"
  echo
  echo "## Packing (transactions per packet, all levels)"
  echo
  echo "| NF | NIC | levels | variables | as written (uncoalesced) | declaration | by size | Clara | expert | floor (no layout does better) | Clara vs as written | Clara vs declaration | Clara vs by size | Clara vs expert | floor vs declaration | cycles/packet: declaration -> Clara |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'|' 'function pct(a, b) { return (b > 0) ? sprintf("%+.1f %%", 100 * (a - b) / b) : "-" }
    { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s -> %s |\n", $1, $2, $9, $10, $11, $3, $4, $5, ($6 == "" ? "-" : $6), $12, pct($5, $11), pct($5, $3), pct($5, $4), ($6 == "" ? "-" : pct($5, $6)), pct($12, $3), $7, $8 }' "$pack_rows"
} >"$summary"
mv "$summary" "$out/summary.md"
rm -f "$place_rows" "$pack_rows"
cat "$out/summary.md"

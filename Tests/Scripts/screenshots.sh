#!/usr/bin/env bash
# Headless Chromium screenshots of a built portal: home, a KPI page, the action tracker,
# the feedback board and search, at desktop (1280) and phone (390) widths, and the home
# page in dark mode.   screenshots.sh SITE_DIR OUT_DIR
set -euo pipefail
site=$(cd "${1:?usage: screenshots.sh SITE_DIR OUT_DIR}" && pwd)
out=${2:?usage: screenshots.sh SITE_DIR OUT_DIR}
mkdir -p "$out"
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || { echo "screenshots: Chromium is not installed (apt-get install chromium)" >&2; exit 1; }
kpi=$(ls "$site"/kpis/*.html | grep -v '/index.html$' | head -1)
shoot() { # name, page, width, height, extra flags...
  local name=$1 page=$2 width=$3 height=$4; shift 4
  "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" \
    --window-size="$width,$height" --screenshot="$out/$name.png" "file://$page" >/dev/null 2>&1
  echo "$out/$name.png"
}
for target in "home:$site/index.html" "kpi:$kpi" "actions:$site/actions/index.html" \
              "feedback:$site/feedback/index.html" "search:$site/search/index.html"; do
  name=${target%%:*}; page=${target#*:}
  shoot "$name-desktop" "$page" 1280 1800
  shoot "$name-phone" "$page" 390 1600
done
shoot home-dark "$site/index.html" 1280 1800 --force-dark-mode --blink-settings=preferredColorScheme=0

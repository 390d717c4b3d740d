// newsarchiver web app: the little that needs a script. A running run's page polls its JSON
// twin and updates its figures; when the run ends, the page reloads to show the outcome.
"use strict";

// As rich.filesize.decimal writes sizes in the CLI and the server-rendered pages.
function formatBytes(size) {
  const units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
  if (size === 1) { return "1 byte"; }
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) { size /= 1000; unit += 1; }
  return unit === 0 ? `${size} bytes` : `${size.toFixed(1)} ${units[unit]}`;
}

function formatWhen(iso) {
  return iso ? iso.replace("T", " ").slice(0, 19) + " UTC" : "–";
}

function field(data, path) {
  return path.split(".").reduce((value, key) => (value == null ? value : value[key]), data);
}

function pollRun(section) {
  const url = section.dataset.poll;
  const tick = async () => {
    let data;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      data = await response.json();
    } catch (error) {
      return;
    }
    if (data.status !== "running") { window.location.reload(); return; }
    for (const element of document.querySelectorAll("[data-field]")) {
      const value = field(data, element.dataset.field);
      if (value === undefined) continue;
      const format = element.dataset.format;
      element.textContent = format === "bytes" ? formatBytes(value)
        : format === "when" ? formatWhen(value)
        : typeof value === "number" ? value.toLocaleString("en") : String(value);
    }
  };
  window.setInterval(tick, 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  // A log is read from its end.
  for (const log of document.querySelectorAll("pre.log")) log.scrollTop = log.scrollHeight;
  // The capture being replayed is in view in its timeline, however many there are.
  const current = document.querySelector("nav.timeline li[aria-current]");
  if (current) current.scrollIntoView({ block: "nearest", inline: "center" });
  const running = document.querySelector("[data-poll]");
  if (running) pollRun(running);
});

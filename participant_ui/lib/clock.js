// Timers are deadlines from the server; we only need the offset between the
// server's clock and this device's, measured on each snapshot.
let offset = 0;

export function syncClock(serverTimeMs) {
  if (typeof serverTimeMs === "number") offset = serverTimeMs - Date.now();
}

export function serverNow() {
  return Date.now() + offset;
}

export function msUntil(isoOrMs) {
  const t = typeof isoOrMs === "number" ? isoOrMs : Date.parse(isoOrMs);
  return t - serverNow();
}

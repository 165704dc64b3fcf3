// Client-generated ids make a retried message idempotent. Plain-HTTP LAN pages
// are not a secure context, so crypto.randomUUID may be missing; getRandomValues
// is available everywhere.
export function newId() {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

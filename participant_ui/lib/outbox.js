// What a person submits while offline stays on the phone (surviving a reload)
// and is sent when the connection is back, exactly once: each item carries a
// client-generated id ("cid") that the server uses to recognise a retry.
import { newId } from "./ids.js";

export class Outbox {
  constructor(storageKey, send) {
    this.key = storageKey;
    this.send = send;
    this.items = this.load();
    this.listeners = new Set();
    this.flushing = false;
  }

  load() {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? JSON.parse(raw) : [];
    } catch {
      return [];
    }
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      /* private mode or full storage: keep going in memory */
    }
    for (const fn of this.listeners) fn(this.items);
  }

  onChange(fn) {
    this.listeners.add(fn);
    fn(this.items);
  }

  // Queue a message; resolves with the server's reply once it is saved, or
  // with {ok:false} for a refusal that retrying cannot fix.
  add(name, payload) {
    const item = { cid: newId(), name, payload, state: "waiting", error: null, at: Date.now() };
    this.items.push(item);
    this.save();
    return this.flush().then(() => item);
  }

  pending() {
    return this.items.filter((i) => i.state === "waiting");
  }

  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (const item of this.pending()) {
        const reply = await this.send(item.name, { ...item.payload, cid: item.cid });
        if (reply.ok) {
          item.state = "saved";
          item.reply = reply;
        } else if (reply.offline) {
          break; // still waiting; tried again on reconnect
        } else {
          item.state = "refused";
          item.error = reply.error;
        }
        this.save();
      }
      // Saved items are kept briefly so the person sees "saved".
      const cutoff = Date.now() - 60000;
      this.items = this.items.filter((i) => i.state === "waiting" || i.at > cutoff);
      this.save();
    } finally {
      this.flushing = false;
    }
  }
}

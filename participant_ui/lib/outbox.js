// What a person submits while offline stays on the phone (surviving a reload)
// and is sent when the connection is back, exactly once: each item carries a
// client-generated id ("cid") that the server uses to recognise a retry.
//
// An item is "waiting" until the server answers for it: "saved", or "refused"
// for a refusal that sending again cannot fix. Items go in order, one at a
// time: a dot taken back must not overtake the dot it takes back.
import { newId } from "./ids.js";
import { t } from "./i18n.js";

export const WAITING = "waiting";
export const SAVED = "saved";
export const REFUSED = "refused";

// Refusals that say "not now" rather than "no": the posting limit (a phone
// replaying a long queue meets it) and a server fault. Kept and sent again.
const TRY_AGAIN = new Set(["rate_limited", "server_error"]);
// Saved items stay this long so the person sees what happened. Refused ones
// stay until the person has seen them and said so (dismiss): what they wrote
// must never vanish from the phone without a word.
const KEEP_SAVED_MS = 60000;

export class Outbox {
  constructor(storageKey, send, { firstPauseMs = 1000, longestPauseMs = 30000 } = {}) {
    this.key = storageKey;
    this.send = send;
    this.items = this.load();
    this.listeners = new Set();
    this.running = null;
    this.timer = null;
    this.firstPauseMs = firstPauseMs;
    this.longestPauseMs = longestPauseMs;
    this.pauseMs = firstPauseMs;
  }

  load() {
    try {
      const raw = localStorage.getItem(this.key);
      const items = raw ? JSON.parse(raw) : [];
      return Array.isArray(items) ? items.filter((i) => i && i.cid && i.name) : [];
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

  // Calls fn now and after every change; returns a function that stops it.
  onChange(fn) {
    this.listeners.add(fn);
    fn(this.items);
    return () => this.listeners.delete(fn);
  }

  // Queue a message; resolves with the item once the server has answered for
  // it or the queue has stopped to wait for the connection (item.state says which).
  add(name, payload) {
    const item = { cid: newId(), name, payload, state: WAITING, error: null, code: null, tries: 0, at: Date.now() };
    this.items.push(item);
    this.save();
    // While the queue is pausing after "too fast" or a fault, the new item
    // waits its turn rather than cutting the pause short.
    const sent = this.timer ? Promise.resolve() : this.flush();
    return sent.then(() => item);
  }

  refused() {
    return this.items.filter((i) => i.state === REFUSED);
  }

  // The person has read why an item was not saved (and copied what they
  // wanted): only now does it leave the phone.
  dismiss(cid) {
    const before = this.items.length;
    this.items = this.items.filter((i) => !(i.cid === cid && i.state === REFUSED));
    if (this.items.length !== before) this.save();
  }

  pending() {
    return this.items.filter((i) => i.state === WAITING);
  }

  // Send what is waiting, now (the connection is back: no reason to wait out
  // a pause). One run at a time; items added during a run are sent by that run.
  flush() {
    if (!this.running) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async drain() {
    for (;;) {
      const item = this.items.find((i) => i.state === WAITING);
      if (!item) break;
      const reply = await this.send(item.name, { ...item.payload, cid: item.cid });
      if (reply.ok) {
        this.settle(item, SAVED, null, reply);
        this.pauseMs = this.firstPauseMs;
      } else if (reply.offline || TRY_AGAIN.has(reply.code)) {
        item.tries = (item.tries || 0) + 1;
        item.error = reply.error || null;
        item.code = reply.code || "offline";
        this.save();
        this.tryAgainLater();
        break;
      } else {
        this.settle(item, REFUSED, reply.error || t("Not saved."), null);
      }
    }
    const cutoff = Date.now() - KEEP_SAVED_MS;
    const kept = this.items.filter((i) => i.state !== SAVED || (i.doneAt || i.at) > cutoff);
    if (kept.length !== this.items.length) {
      this.items = kept;
      this.save();
    }
  }

  settle(item, state, error, reply) {
    item.state = state;
    item.error = error;
    item.reply = reply;
    item.doneAt = Date.now();
    this.save();
  }

  // A growing pause: the posting limit refills one a second, a fault may take longer.
  tryAgainLater() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.pauseMs);
    this.pauseMs = Math.min(this.pauseMs * 2, this.longestPauseMs);
  }
}

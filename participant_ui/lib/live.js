// The live link to the server: one Socket.IO connection that always comes back.
//
// Phones drop sockets when locked or in the background, so we reconnect as
// soon as the page is visible or the network returns. Every (re)connect gets
// a full snapshot from the server; patches are shallow merges into it.
import { syncClock } from "./clock.js";
import { pageLanguage, t } from "./i18n.js";

const ACK_TIMEOUT_MS = 10000;
// How long a woken phone waits for the server to answer before it reconnects.
const WAKE_PROBE_MS = 3000;
// How long a page refused without a reason waits before it says hello again.
const REFUSED_WITHOUT_REASON_RETRY_MS = 2000;

export function connectLive({ role, event, secret, onSnapshot, onPatch, onMessage, onStatus, onRefused }) {
  const socket = window.io({
    // The page's language: a console's or a co-host's refusals come in it (a phone's follow its person's, on the server).
    auth: { role, event, ...(secret ? { secret } : {}), language: pageLanguage() },
    transports: ["websocket", "polling"],
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: 8000,
  });
  const status = (s, detail) => onStatus && onStatus(s, detail);
  // What last happened to the link and why (a disconnect's reason, a failed connect's
  // message): read by a test's report when a page stays "Reconnecting…".
  const noteLink = (what, why) => {
    window.liveLink = { what, why: String(why || ""), at: Date.now(), engine: socket.io.engine ? socket.io.engine.readyState : "none", active: socket.active };
  };

  socket.on("connect", () => {
    noteLink("connect");
    status("online");
  });
  socket.on("disconnect", (reason) => {
    noteLink("disconnect", reason);
    status("offline");
  });
  // A socket ended after its welcome still counts itself connected: connect() alone would do nothing.
  const startAgain = () => {
    if (socket.active) return;
    socket.disconnect();
    socket.connect();
  };
  socket.on("connect_error", (err) => {
    noteLink("connect_error", err && err.message);
    const data = err && err.data;
    if (data && data.code) {
      // Refused by the server (not joined, removed, bad link): no point retrying.
      socket.disconnect();
      status("refused", data.message);
      if (onRefused) onRefused(data);
      return;
    }
    status("offline");
    // A network failure leaves the socket to the manager, which tries again by itself. A refusal
    // that gives no reason (the server's "Unable to connect") has ended the socket for good:
    // a page that must come back (a projector, a phone in someone's pocket) starts it again.
    if (!socket.active) setTimeout(startAgain, REFUSED_WITHOUT_REASON_RETRY_MS);
  });
  socket.on("snapshot", (snap) => {
    syncClock(snap.server_time);
    onSnapshot && onSnapshot(snap);
  });
  socket.on("patch", (patch) => {
    syncClock(patch.server_time);
    onPatch && onPatch(patch);
  });
  socket.onAny((name, payload) => {
    if (name !== "snapshot" && name !== "patch" && onMessage) onMessage(name, payload);
  });

  // A socket that says "connected" after the phone slept may be dead on the
  // network (the Wi-Fi changed, the router forgot us): waiting for the missed
  // heartbeat takes ~25 s. Ask the server instead, and start again if it is silent.
  let probing = false;
  const wake = () => {
    if (document.visibilityState !== "visible") return;
    if (!socket.connected) {
      // Only a link that has stopped trying (refused) is started here. While it opens, waits to
      // try again, or has opened and waits for the server's welcome, it is active, and connect()
      // would say hello a second time on the same socket: the server refuses that, which ended
      // the socket for good (a reloaded projector stayed "Reconnecting…").
      if (!socket.active) socket.connect();
      return;
    }
    if (probing) return;
    probing = true;
    socket.timeout(WAKE_PROBE_MS).emit("sync", {}, (err) => {
      probing = false;
      if (err && socket.connected) {
        noteLink("probe_timeout");
        status("offline");
        socket.io.engine.close(); // the manager reconnects by itself, with a fresh snapshot
      }
    });
  };
  document.addEventListener("visibilitychange", wake);
  window.addEventListener("online", wake);
  window.addEventListener("pageshow", wake);

  function send(name, payload = {}) {
    return new Promise((resolve) => {
      if (!socket.connected) {
        resolve({ ok: false, offline: true, error: t("Not connected: we will try again when the connection is back.") });
        return;
      }
      socket.timeout(ACK_TIMEOUT_MS).emit(name, payload, (err, reply) => {
        if (err) resolve({ ok: false, offline: true, error: t("No answer from the server yet.") });
        else resolve(reply || { ok: false, error: t("No answer from the server.") });
      });
    });
  }

  return { socket, send };
}

// A patch merges shallowly into what a client holds; the parts under its `inside`
// merge one level deeper (a café round's start: the activity's round alone, not its
// plan of 250 tables). Returns null when a part names an activity (by its `id`) that
// this client does not hold: it then asks for a snapshot.
export function mergePatch(state, patch) {
  const { inside, ...rest } = patch;
  const next = { ...state, ...rest };
  for (const [key, part] of Object.entries(inside || {})) {
    const held = next[key];
    if ("id" in part && (!held || held.id !== part.id)) return null;
    next[key] = { ...(held || {}), ...part };
  }
  return next;
}

export function showStatus(el, state, detail) {
  if (!el) return;
  const words = { online: t("Connected"), offline: t("Reconnecting…"), refused: detail || t("Not connected") };
  el.textContent = words[state] || "";
  el.dataset.state = state;
}

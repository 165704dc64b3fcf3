// One soft chime, made in the browser with the Web Audio API: a sine tone
// with a gentle swell and a long fade. No audio file, nothing from the network.
//
// Browsers keep audio silent until the page has had a click (or a key);
// `chimeAllowed()` says whether it may sound now, and the first click on the
// page lets it. The AudioContext is made only when a chime is wanted, so a
// circle without a chime never touches audio at all.
//
// The big screen chimes when a circle's opening silence ends (armChime()).
import { h } from "./dom.js";
import { eachSecond, serverNow } from "./clock.js";
import { t } from "./i18n.js";

let audio = null;

function context() {
  if (audio) return audio;
  const Audio = window.AudioContext || window.webkitAudioContext;
  if (!Audio) return null;
  audio = new Audio();
  const allow = () => {
    if (audio.state === "suspended") audio.resume();
  };
  document.addEventListener("click", allow);
  document.addEventListener("keydown", allow);
  // Notes asking for a click hide themselves once audio is allowed.
  audio.addEventListener("statechange", () => {
    for (const note of document.querySelectorAll(".chime-note")) note.hidden = audio.state === "running";
  });
  return audio;
}

export function chimeSupported() {
  return Boolean(context());
}

export function chimeAllowed() {
  const a = context();
  return Boolean(a) && a.state === "running";
}

// Plays the chime if audio is allowed; returns whether it sounded. Each chime
// that sounds is counted on <body data-chimes>, so tests can see it without speakers.
export function playChime() {
  const a = context();
  if (!a || a.state !== "running") return false;
  const t = a.currentTime;
  const tone = a.createOscillator();
  tone.type = "sine";
  tone.frequency.setValueAtTime(528, t);
  const gain = a.createGain();
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.2, t + 0.08);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 3);
  tone.connect(gain);
  gain.connect(a.destination);
  tone.start(t);
  tone.stop(t + 3.1);
  document.body.dataset.chimes = String(Number(document.body.dataset.chimes || 0) + 1);
  return true;
}

// --- when the big screen chimes ---------------------------------------------------

let chimeAt = null; // the end of the silence this screen waits on, to chime
let chimedFor = null; // the end it has chimed for: once per silence

// Once, when a silence it watched running comes to its end.
eachSecond((now) => {
  if (chimeAt && now >= Date.parse(chimeAt) && document.querySelector("[data-chime-armed]")) {
    chimedFor = chimeAt;
    chimeAt = null;
    playChime();
  }
});

// Waits on a silence only while it runs here: a screen opened after the
// silence ended, a circle started before it ended, or the setting turned
// off, never chime. A pause disarms it; the resumed silence arms it again.
export function armChime(a) {
  const on = a.chime && a.phase === "ready" && a.silence_ends_at && !a.paused && a.silence_ends_at !== chimedFor;
  if (!on) chimeAt = null;
  else if (a.silence_ends_at !== chimeAt) chimeAt = serverNow() < Date.parse(a.silence_ends_at) ? a.silence_ends_at : null;
  return chimeAt;
}

export function chimeNote(a) {
  if (!a.chime) return null;
  if (!chimeSupported()) return h("p", { class: "chime-note hint", id: "chime-note", text: t("This browser cannot play the chime.") });
  return h("p", { class: "chime-note hint", id: "chime-note", role: "note", hidden: chimeAllowed(),
    text: t("Click once to allow the chime: browsers keep sound off until the page is clicked.") });
}

// One soft chime, made in the browser with the Web Audio API: a sine tone
// with a gentle swell and a long fade. No audio file, nothing from the network.
//
// Browsers keep audio silent until the page has had a click (or a key);
// `chimeAllowed()` says whether it may sound now, and the first click on the
// page lets it. The AudioContext is made only when a chime is wanted, so a
// circle without a chime never touches audio at all.

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

// A link's secret arrives in the address's fragment: browsers never send a
// fragment, so no server or proxy log holds it. It is then wiped from the
// address bar, which may be projected or photographed.

function fromFragment() {
  const match = location.hash.match(/key=([^&]+)/);
  if (!match) return null;
  history.replaceState(null, "", location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

// For a page that sends the secret itself (the big screen, a co-host's phone):
// kept for this tab only, so a reload still opens the page.
export function secretForThisTab(name) {
  const found = fromFragment();
  if (found) sessionStorage.setItem(name, found);
  return sessionStorage.getItem(name);
}

// For a page whose server trades the secret for an HttpOnly cookie (the console,
// the clinician's view): resolves with the refusal's sentence, or "" when all is well.
export async function tradeForCookie(url) {
  const key = fromFragment();
  if (!key) return "";
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
    credentials: "same-origin",
  });
  return res.ok ? "" : (await res.json()).error;
}

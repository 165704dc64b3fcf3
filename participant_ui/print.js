// The print pages' one control: the browser's print dialog.
document.querySelector("#print-now").addEventListener("click", () => window.print());

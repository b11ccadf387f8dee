const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** A bare web page for an emulated `html_url` / `web_url`: a title and one line of detail. */
export function htmlPage(emulator: string, title: string, detail: string) {
  return `<!doctype html><html><head><title>${escapeHtml(
    title,
  )}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(
    detail,
  )}</p><p>${escapeHtml(
    emulator,
  )} emulator of the OpenChoreo devstack</p></body></html>`;
}

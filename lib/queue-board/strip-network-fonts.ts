// bull-board's page asks Google Fonts for IBM Plex: a request to a third party from an admin page, and
// one that fails offline. The board falls back to the system font stack without it.
const networkFontLink = /<link[^>]+href="https:\/\/fonts\.(?:googleapis|gstatic)\.com[^"]*"[^>]*>\s*/g

export function stripNetworkFonts(html: string): string {
  return html.replace(networkFontLink, '')
}

/** HTML as helpdesks send post and message texts, turned into the plain text people read. */
export function stripHtml(html: string): string {
  // Listen summarises every request with this: a text without tags or entities skips their passes.
  let text = html;
  if (text.includes('<')) {
    text = text
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, '');
  }
  if (text.includes('&')) {
    text = text
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  return text.trim();
}

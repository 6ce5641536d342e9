/**
 * Text placed into HTML (element content or a double-quoted attribute): the one escape for the
 * verify report, its sequence diagram and the sandbox's message HTML, so none of them lets a
 * check message or a customer's text become markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

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

/**
 * An object URL a view owns, one at a time: set() revokes the one it replaces, revoke() the last one when the view
 * goes, so previews and results are not held in memory until the tab closes. A URL set after revoke() (an answer
 * that arrived late) is revoked at once and null returned.
 */
export function ownedUrl() {
  let current = null;
  let closed = false;
  return {
    set(url) {
      if (closed) {
        URL.revokeObjectURL(url);
        return null;
      }
      if (current && current !== url) URL.revokeObjectURL(current);
      current = url;
      return url;
    },
    revoke() {
      closed = true;
      if (current) URL.revokeObjectURL(current);
      current = null;
    },
  };
}

// The studio's preview: the real widget (/embed.js) running on the draft as the studio
// has it in memory, including unsaved changes, "as of" a chosen date.
// The studio puts the compiled bundle in window.lifenavPreview of its own page before it
// loads this frame; the query string carries the date (?today=YYYY-MM-DD).
const host = document.querySelector('[data-lifenav]');
const handed = window.parent !== window ? window.parent.lifenavPreview : null;
if (handed && handed.bundle) {
  const blob = new Blob([handed.bundle], { type: 'application/json' });
  host.dataset.catalog = URL.createObjectURL(blob);
}
const today = new URLSearchParams(location.search).get('today');
if (today) host.dataset.today = today;
await import('/embed.js');

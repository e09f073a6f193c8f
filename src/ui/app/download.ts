/** Hand a file to the browser as a download (a run file, a diagram's SVG or PNG). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoke after the current task, not before.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

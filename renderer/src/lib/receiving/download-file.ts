/**
 * Saves bytes through a browser download of a Blob URL. In Electron the session shows its save dialog;
 * in a browser the file goes to the downloads folder.
 */
export function downloadFile(fileName: string, bytes: Uint8Array, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the URL once click() returns, but some browsers need it a moment longer.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Build-time stand-in for @noble/ciphers/aes in the bundles. PDFKit imports it to encrypt a PDF with a password
// (its `userPassword`/`ownerPassword` options); briefing never encrypts, and the real module builds its AES
// tables when it is loaded: about a fiftieth of a cold start for nothing.
function unavailable() {
  throw new Error('briefing: PDF encryption is not bundled (@noble/ciphers is replaced by build/aes-stub.mjs)');
}
export const cbc = unavailable;
export const ecb = unavailable;

export default function decompress() {
  throw new Error("WOFF2 fonts are not supported");
}

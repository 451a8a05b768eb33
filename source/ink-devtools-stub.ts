// The build bundles Ink, and Ink imports react-devtools-core for its DEV=true mode, which we never use and do
// not install; the bundle gets this empty stand-in instead (see the `build` script).
export default {connectToDevTools(): void {}};

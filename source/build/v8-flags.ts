// V8 flags for a smaller heap, given to V8 at start-up (they cannot be changed once the heap exists):
// by the shebang of dist/launch.js (the installed command) and by the executable's SEA config.
export const seaExecArgv: string[] = [];

fn main() {
    // Sets the linker flags a Node addon needs (on macOS, leave the Node-API
    // symbols undefined so they resolve against the running node binary).
    napi_build::setup();
}

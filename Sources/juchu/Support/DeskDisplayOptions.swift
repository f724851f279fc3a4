import ArgumentParser

/// How the desk is drawn and driven, for every command that opens it (`desk`, `demo`).
struct DeskDisplayOptions: ParsableArguments {
    @Option(help: "keymap.toml（既定: $XDG_CONFIG_HOME/juchu/keymap.toml。無ければ作ります）")
    var keymap: String?

    @Flag(help: "罫線を使わず ASCII だけで描きます")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "色を使いません（環境変数 NO_COLOR と同じ）")
    var noColor = false
}

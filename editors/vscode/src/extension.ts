// ecslint for VS Code: a thin client that starts `ecslint lsp` and lets the
// language server do the work (diagnostics as you type, hover explanations,
// quick fixes and suppressions).
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const settings = vscode.workspace.getConfiguration('ecslint');
  const command = settings.get<string>('path') || 'ecslint';
  const args = ['lsp'];
  const config = settings.get<string>('config');
  if (config) {
    args.push('--config', config);
  }
  return { command, args };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'hcl' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tf.json' },
    ],
    synchronize: {
      // The server lints again when the config or a module's file changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.ecslint.yaml,*.tf,*.tfvars}'),
    },
  };
  client = new LanguageClient('ecslint', 'ecslint', serverOptions(), clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('ecslint.restart', () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ecslint.path') || e.affectsConfiguration('ecslint.config')) {
        void restart(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}

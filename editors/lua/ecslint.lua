-- ecslint in Neovim (0.7+) through its built-in LSP client, with no plugin
-- dependencies: diagnostics as you type (from the unsaved buffer), the
-- rule's explanation on hover (K) and quick fixes or suppressions as code
-- actions (vim.lsp.buf.code_action()).
--
-- Put this directory on 'runtimepath' (or copy the file into
-- ~/.config/nvim/lua/) and call:
--
--   require('ecslint').setup()                                  -- JSON, YAML and Terraform buffers
--   require('ecslint').setup({cmd = {'/path/to/ecslint', 'lsp', '--config', 'ci/.ecslint.yaml'}})
--
-- The server (`ecslint lsp`) negotiates position encodings itself; it
-- lints a Terraform file with its module's other files and reads
-- .ecslint.yaml again whenever it changes.
local M = {}

M.config = {
  cmd = { 'ecslint', 'lsp' },
  filetypes = { 'json', 'yaml', 'terraform', 'hcl' },
}

-- start attaches the ecslint server to a buffer, starting it if needed.
-- It returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = { name = 'ecslint', cmd = M.config.cmd, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then -- Neovim 0.8+: reuses a running client of the same name and root
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  -- Neovim 0.7: one client for the session, attached to each buffer.
  if not M.client_id or vim.lsp.client_is_stopped(M.client_id) then
    M.client_id = vim.lsp.start_client(config)
  end
  vim.lsp.buf_attach_client(bufnr, M.client_id)
  return M.client_id
end

function M.setup(opts)
  M.config = vim.tbl_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('ecslint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      if vim.api.nvim_buf_get_name(args.buf) ~= '' then
        M.start(args.buf)
      end
    end,
  })
end

return M

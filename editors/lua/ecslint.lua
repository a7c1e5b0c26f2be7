-- ecslint diagnostics for Neovim (0.7+), with no plugin dependencies.
--
-- Put this directory on 'runtimepath' (or copy the file into
-- ~/.config/nvim/lua/) and call:
--
--   require('ecslint').setup()                 -- lint JSON, YAML and Terraform buffers on open and save
--   require('ecslint').setup({cmd = {'ecslint', '--fail-on', 'high'}})
--
-- The buffer is piped to `ecslint --format json --stdin-filename PATH`, so
-- unsaved text is linted under its real name (and the nearest .ecslint.yaml
-- applies). ecslint counts columns in Unicode code points; Neovim wants
-- byte offsets, converted here per line.
local M = {}

local ns = vim.api.nvim_create_namespace('ecslint')

local severities = {
  critical = vim.diagnostic.severity.ERROR,
  high = vim.diagnostic.severity.ERROR,
  medium = vim.diagnostic.severity.WARN,
  low = vim.diagnostic.severity.INFO,
}

M.config = { cmd = { 'ecslint' }, filetypes = { 'json', 'yaml', 'terraform', 'hcl' } }

-- byte_col converts a 1-based code-point column on a 1-based line into
-- Neovim's 0-based byte column.
local function byte_col(lines, line, col)
  local text = lines[line]
  if not text or col <= 1 then
    return 0
  end
  local n = vim.str_utfindex(text)
  return vim.str_byteindex(text, math.min(col - 1, n))
end

-- lint runs ecslint over a buffer and sets its diagnostics. It returns the
-- diagnostics, or nil and an error message.
function M.lint(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil, 'buffer has no name'
  end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  if vim.trim(table.concat(lines, '\n')) == '' then
    -- ecslint refuses empty input (an empty pipe is no clean file); an
    -- empty buffer has nothing to report.
    vim.diagnostic.set(ns, bufnr, {})
    return {}
  end
  local cmd = vim.list_extend(vim.deepcopy(M.config.cmd), {
    '--format', 'json', '--color', 'never', '--stdin-filename', vim.fn.fnamemodify(name, ':.'),
  })
  local out = vim.fn.system(cmd, table.concat(lines, '\n') .. '\n')
  local ok, res = pcall(vim.json.decode, out)
  if not ok or type(res) ~= 'table' then
    return nil, 'ecslint: unexpected output: ' .. out
  end
  local diags = {}
  for _, f in ipairs(res.findings or {}) do
    table.insert(diags, {
      lnum = f.line - 1,
      col = byte_col(lines, f.line, f.column),
      end_lnum = (f.end_line or f.line) - 1,
      end_col = byte_col(lines, f.end_line or f.line, f.end_column or f.column),
      severity = severities[f.severity] or vim.diagnostic.severity.WARN,
      source = 'ecslint',
      code = f.rule_id,
      message = f.message .. ' [' .. f.rule_id .. ' ' .. f.rule .. ']',
    })
  end
  for _, e in ipairs(res.errors or {}) do
    local line = math.max(e.line or 1, 1)
    table.insert(diags, {
      lnum = line - 1,
      col = byte_col(lines, line, e.column or 1),
      severity = vim.diagnostic.severity.ERROR,
      source = 'ecslint',
      message = e.message,
    })
  end
  vim.diagnostic.set(ns, bufnr, diags)
  return diags
end

function M.setup(opts)
  M.config = vim.tbl_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('ecslint', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufWritePost', 'InsertLeave' }, {
    group = group,
    callback = function(args)
      if vim.tbl_contains(M.config.filetypes, vim.bo[args.buf].filetype) then
        M.lint(args.buf)
      end
    end,
  })
end

return M

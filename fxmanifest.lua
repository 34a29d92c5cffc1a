fx_version 'cerulean'
game 'gta5'

name 'sonorancad'
description 'Receives Sonoran CAD push events: verifies, validates, alerts players, re-emits events, forwards them.'
version '0.1.0'
license 'MIT'

-- Node 22 on server builds 12913 to early 2026; later builds always run Node 22.
node_version '22'

server_script 'dist/server.js'
client_script 'dist/client.js'

-- The alert cards. Strict mode: only this resource's own page may call its NUI callbacks.
ui_page 'dist/nui/index.html'
nui_callback_strict_mode 'true'

files {
  'config.json',
  'dist/nui/index.html',
  'dist/nui/page.js',
  'dist/nui/page.css',
  -- Every text a player reads, one file per language; the client reads them too.
  'locales/*.json',
  'dist/nui/tone-pager.wav',
  'dist/nui/tone-tone1.wav',
  'dist/nui/tone-tone2.wav',
  'dist/nui/tone-tone3.wav',
}

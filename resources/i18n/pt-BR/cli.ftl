# O que só a linha de comando diz (`tessera` com um comando). Mensagens que
# começam em minúscula e não têm ponto final são completadas pela CLI: ela
# põe a inicial maiúscula e o ponto. Os textos do app estão em tessera.ftl.

## Perguntas (a CLI acrescenta ": " depois de cada uma)

cli-prompt-link = Link otpauth:// (oculto)
cli-prompt-recovery-code = Código de recuperação (oculto)
cli-prompt-password = Senha de { $path }
cli-prompt-new-password = Nova senha
cli-prompt-repeat-new-password = Repita a nova senha
cli-prompt-export-password = Senha do arquivo exportado
cli-prompt-repeat = Repita a senha
cli-prompt-source-password = Senha da exportação do { $format } em { $source }
cli-prompt-copy-password = Senha da cópia { $path }
# As respostas de uma pergunta de sim ou não; a primeira letra de cli-yes também vale.
cli-yes-no = [s/N]
cli-yes = sim
cli-wrong-password-retry = Senha errada, tente de novo.

## O que é lido (o $what das mensagens abaixo)

cli-what-password = a senha
cli-what-new-password = a nova senha
cli-what-setup-key = a chave de configuração
cli-what-link = o link
cli-what-recovery-code = o código de recuperação
cli-what-export-password = a senha da exportação
cli-what-copy-password = a senha da cópia

## Leitura da entrada

cli-stdin-empty = a entrada padrão trouxe uma linha vazia onde se esperava { $what }
cli-stdin-unreadable = não foi possível ler { $what } da entrada padrão: { $reason }
cli-stdin-ended-password = a entrada padrão terminou sem trazer { $what }; passe-a por um pipe ou use --password-file
cli-stdin-ended = a entrada padrão terminou sem trazer { $what }; passe pelo pipe um por linha
cli-stdin-not-utf8 = a entrada padrão não trouxe texto UTF-8 onde se esperava { $what }
cli-line-too-long = a linha tem mais de { $kib } KiB
cli-prompt-unreadable = não foi possível ler { $what }: { $reason }
cli-no-terminal = a entrada padrão trouxe o segredo, então a senha do cofre precisa vir de --password-file, do chaveiro do sistema ou de um terminal, e não há terminal aqui
cli-no-home = não há pasta pessoal para o cofre padrão; indique um caminho com --vault ou TESSERA_VAULT
cli-no-state-home = não há pasta pessoal para o estado do Tessera (as versões do cofre que este computador já viu); defina HOME ou XDG_STATE_HOME
cli-keyring-key-rejected = a chave no chaveiro do sistema não abre este cofre; a senha será pedida
cli-keyring-no-key = o chaveiro do sistema não tem chave para este cofre (talvez tenha sido removida); a senha será pedida
cli-passwords-differ = as duas senhas são diferentes; nada foi alterado
cli-password-too-short = a senha precisa ter pelo menos { $min } caracteres; algumas palavras aleatórias formam uma senha forte
cli-password-file-unreadable = não foi possível ler o arquivo de senha { $path }: { $reason }
cli-file-unreadable = não foi possível ler { $path }: { $reason }
cli-output-failed = não foi possível escrever a saída: { $reason }

## Comandos e argumentos

cli-app-options-alone = --add, --scan-screen e --search abrem o app, por isso vão sem comando
cli-not-command-or-image = '{ $word }' não é um comando nem um arquivo de imagem; `tessera --help` lista os comandos
cli-no-match = nenhuma conta corresponde a { $query }; `tessera list` mostra todas
cli-vault-empty = o cofre ainda não tem contas; adicione uma com `tessera add`
cli-icons-none = nenhum ícone de marca corresponde a { $search }; `tessera icons` lista todos
cli-edit-nothing = diga o que mudar: --issuer, --account, --group, --favourite, --no-favourite, --notes ou --icon
cli-scan-nothing = diga o que ler: arquivos de imagem, --screen ou --clipboard

## init, passwd, keyring

cli-created = Cofre criado em { $path }.
# `tessera backup --to DIR` wrote a backup.
cli-backup-written = Cópia de segurança criptografada do cofre gravada em { $path }. Ela abre com a senha do cofre; `tessera restore { $path }` a traz de volta.
# `backup --to` wrote the backup but could not record its folder in the state directory.
cli-backup-not-remembered = a cópia foi gravada, mas este computador não conseguiu guardar a pasta dela: { $reason }. `tessera restore --list` e a lista Restaurar do app não vão mostrá-la; para restaurá-la, indique o arquivo: `tessera restore { $path }`
cli-backup-auto-on = As cópias de segurança automáticas de { $vault } vão para { $folder } daqui em diante: depois de mudanças, no máximo uma por minuto, guardando as 10 mais novas e uma por dia durante 30 dias.
cli-backup-auto-off = As cópias de segurança automáticas de { $vault } estão desligadas. As cópias já feitas continuam onde estão.
# Uma cópia automática depois de um comando não pôde ser feita (o par de backup-failed, que cita as Configurações do app).
cli-backup-failed = nenhuma cópia de segurança automática de { $vault } foi feita: { $reason }. O cofre em si foi salvo; confira a pasta de cópias, escolha outra com `tessera backup --auto DIR` ou desligue as cópias automáticas com `tessera backup --auto-off`
cli-keyring-setup-failed = o cofre foi criado, mas o desbloqueio pelo chaveiro não pôde ser configurado: { $reason } Rode `tessera keyring enable` quando o chaveiro funcionar
cli-keyring-will-unlock = O chaveiro do sistema vai desbloqueá-lo daqui em diante.
cli-password-changed = A senha de { $path } foi trocada, e o cofre foi cifrado de novo com uma chave nova.
cli-keyring-turned-off = o desbloqueio pelo chaveiro foi desligado: o chaveiro do sistema não respondeu. Ligue-o de novo com `tessera keyring enable`.
cli-keyring-now-unlocks = O chaveiro do sistema agora desbloqueia { $path }.
cli-keyring-key-not-removed = o desbloqueio pelo chaveiro está desligado, mas a chave não pôde ser removida do chaveiro: { $reason }
cli-keyring-already-off = O desbloqueio pelo chaveiro já estava desligado.

## add, list, remove, edit

cli-hotp-needs-counter = uma conta HOTP precisa de --counter (0 para uma conta nova, ou o número que o serviço mostra)
cli-setup-key-file-unreadable = não foi possível ler o arquivo da chave de configuração { $path }: { $reason }
cli-link-holds-nothing = o link não traz nenhuma conta que possa ser adicionada
cli-export-part = esta é a parte { $part } de { $size } de uma exportação do Google Authenticator; adicione as outras partes também
cli-left-out = ficou de fora: { $label } ({ $reason })
cli-left-out-more = { $n ->
    [one] mais { $n } item que o Tessera não consegue usar ficou de fora
   *[other] mais { $n } itens que o Tessera não consegue usar ficaram de fora
}
cli-list-counter = contador { $counter }
cli-list-digits = { $digits } dígitos
cli-list-favourite = favorita
cli-list-group = grupo { $group }
cli-list-icon = ícone { $icon }
cli-removed = { $label } ({ $id }) removida.
cli-saved = { $label } salva.

## recovery

cli-recovery-none = { $label } não tem códigos de recuperação guardados; adicione-os com `tessera recovery { $id } add ARQUIVO`.
cli-recovery-used-at = usado em { $at }
cli-recovery-low = { $n ->
    [one] resta só { $n } código de recuperação não usado; gere novos na página de segurança do serviço
   *[other] restam só { $n } códigos de recuperação não usados; gere novos na página de segurança do serviço
}
cli-recovery-stored = { $n ->
    [one] { $n } código de recuperação guardado.
   *[other] { $n } códigos de recuperação guardados.
}
cli-recovery-replaced = { $n ->
    [one] o código anterior foi substituído
   *[other] os { $n } códigos anteriores foram substituídos
}
cli-recovery-marked = { $left ->
    [one] Marcado como usado; resta { $left } código não usado.
   *[other] Marcado como usado; restam { $left } códigos não usados.
}

## scan, import

cli-no-qr = nenhum código QR foi encontrado
cli-no-account = nenhuma conta de autenticador foi encontrada
cli-source-encrypted = esta exportação do { $format } é cifrada; informe a senha dela com --source-password-file ARQUIVO
cli-would-add = Adicionaria { $label }.
cli-would-add-summary = { $added ->
    [one] Adicionaria { $added } conta; { $skipped } ignoradas por já estarem no cofre.
   *[other] Adicionaria { $added } contas; { $skipped } ignoradas por já estarem no cofre.
}
cli-skipped-duplicate = a conta { $label } foi ignorada: já está no cofre como { $id }
cli-same-name = outra conta também se chama { $label }; se o serviço emitiu uma chave nova, remova a conta antiga
cli-added-with-id = { $label } ({ $id }) adicionada.
cli-added = { $label } adicionada.
cli-skipped-meanwhile = a conta { $label } foi ignorada: ela foi adicionada ao cofre nesse meio-tempo como { $id }
cli-nothing-to-import = nada a importar: nenhuma conta de autenticador foi encontrada nos arquivos
cli-added-summary = { $added ->
    [one] { $added } conta adicionada; { $skipped } ignoradas por já estarem no cofre.
   *[other] { $added } contas adicionadas; { $skipped } ignoradas por já estarem no cofre.
}

## export

cli-file-exists = o arquivo { $path } já existe; escolha outro nome, ou use --force para substituí-lo
cli-not-a-file-name = o caminho { $path } não indica um arquivo
cli-create-failed = não foi possível criar { $path }: { $reason }
cli-write-failed = não foi possível escrever { $path }: { $reason }
cli-replace-failed = não foi possível substituir { $path }: { $reason }
cli-dir-failed = não foi possível criar a pasta { $path }: { $reason }
cli-plain-warning = o arquivo não é cifrado: quem puder lê-lo tem as suas chaves secretas
cli-export-needs-password = a exportação precisa de uma senha: informe-a com --export-password-file ARQUIVO (ou use --plain para um arquivo sem cifra)
cli-export-passwords-differ = as duas senhas são diferentes; nada foi exportado
cli-export-password-empty = a senha da exportação está vazia; informe uma (ou use --plain para um arquivo sem cifra)
cli-plain-only-for = --plain e --export-password-file valem só para --format aegis e 2fas
cli-nothing-to-export = o cofre não tem contas para exportar
cli-wrote-private = { $n ->
    [one] { $n } conta gravada em { $path } (legível só por você).
   *[other] { $n } contas gravadas em { $path } (legível só por você).
}
cli-wrote-encrypted = { $n ->
    [one] { $n } conta gravada em { $path } (cifrada com a senha da exportação).
   *[other] { $n } contas gravadas em { $path } (cifradas com a senha da exportação).
}
cli-wrote-unencrypted = { $n ->
    [one] { $n } conta gravada em { $path } (sem cifra).
   *[other] { $n } contas gravadas em { $path } (sem cifra).
}
cli-wrote-sheet = { $n ->
    [one] A folha de backup de { $n } conta foi gravada em { $path }: abra-a num navegador e imprima (A4 ou Carta), depois apague o arquivo.
   *[other] A folha de backup de { $n } contas foi gravada em { $path }: abra-a num navegador e imprima (A4 ou Carta), depois apague o arquivo.
}
cli-print-warning = { $n ->
    [one] isto mostra a chave secreta de { $n } conta às claras; quem a vir pode gerar os seus códigos
   *[other] isto mostra as chaves secretas de { $n } contas às claras; quem as vir pode gerar os seus códigos
}
cli-print-confirm = Mostrar mesmo assim?
cli-nothing-exported = nada foi exportado
cli-pipe-warning = { $n ->
    [one] gravando a chave secreta de { $n } conta às claras num arquivo ou noutro programa; um arquivo criado com `>` pode ficar legível por outros: prefira --out ARQUIVO, legível só por você
   *[other] gravando as chaves secretas de { $n } contas às claras num arquivo ou noutro programa; um arquivo criado com `>` pode ficar legível por outros: prefira --out ARQUIVO, legível só por você
}
cli-none-fits-migration = nenhuma das contas cabe numa exportação do Google Authenticator; use --format qr
cli-give-out-dir = indique a pasta das imagens com --out PASTA
# `tessera restore`: o resumo, a pergunta, a lista de versões anteriores.
cli-restore-confirm = Restaurar esta cópia como a versão mais nova do cofre?
cli-restore-declined = Nada foi restaurado.
cli-restore-dry-run = Nada foi mudado (--dry-run).
cli-restore-list-title = Versões anteriores de { $path }, da mais nova à mais antiga:
cli-restore-list-none = Nenhuma versão anterior está guardada: o cofre não mudou desde que foi criado aqui, e nenhuma pasta de cópias de segurança tem uma cópia dele.
cli-restore-list-hint = `tessera restore ARQUIVO --dry-run` mostra o que restaurar uma delas mudaria; `tessera restore ARQUIVO` a restaura.

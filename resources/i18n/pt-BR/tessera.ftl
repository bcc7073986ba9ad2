app-name = Tessera
language-name = Português (Brasil)
# Written between the whole and the fractional part of a figure (7,5 s).
decimal-separator = ,
loading = Abrindo o cofre…
cancel = Cancelar
save = Salvar
back = Voltar
lock = Bloquear
settings = Configurações
dismiss = Fechar
error = Algo deu errado: { $reason }
# An account with neither an issuer nor a name, wherever a label is shown.
unnamed-account = (conta sem nome)
onboarding-title = Crie seu cofre
onboarding-intro = Suas contas ficarão num cofre criptografado em { $path }. Escolha uma senha para protegê-lo.
password = Senha
repeat-password = Repita a senha
passwords-differ = As duas senhas são diferentes.
password-too-short = Use pelo menos { $min } caracteres; algumas palavras aleatórias formam uma senha forte.
strength-label = Força: { $level }
strength0 = muito fraca
strength1 = fraca
strength2 = razoável
strength3 = forte
strength4 = muito forte
use-keyring = Desbloquear também pelo chaveiro do sistema
use-keyring-hint = O Tessera guarda uma chave de desbloqueio separada no chaveiro do sistema, e o cofre abre sem a senha enquanto você estiver conectado.
keyring-not-answering = O chaveiro do sistema não está respondendo, por isso esta opção começa desligada.
create-vault = Criar cofre
creating = Criando o cofre…
unlock-title = Desbloqueie seu cofre
unlock-intro = O cofre em { $path } está bloqueado.
unlock-button = Desbloquear
unlocking = Desbloqueando…
unlocking-keyring = Desbloqueando pelo chaveiro do sistema…
wrong-password = Senha incorreta. Tente de novo; maiúsculas e minúsculas fazem diferença.
keyring-fell-back = O chaveiro do sistema não desbloqueou o cofre ({ $reason }). Digite a senha.
add-account = Adicionar conta
with-shortcut = { $action } ({ $keys })
search-placeholder = Digite para buscar
empty-title = Nenhuma conta ainda
empty-hint = A maioria dos serviços mostra um código QR ao ativar a verificação em duas etapas. Solte uma captura de tela dele nesta janela, ou:
empty-paste = Colar uma captura de tela (Ctrl+V)
empty-paste-hint = Uma imagem copiada do código QR, ou um link otpauth://.
empty-scan = Escanear a tela (Ctrl+Shift+S)
empty-scan-hint = Encontra os códigos QR mostrados agora nas suas telas.
empty-import = Importar de outro app…
empty-import-hint = Uma exportação do Aegis, 2FAS, Google Authenticator e outros, ou imagens de códigos QR.
empty-manual = Digitar a chave de configuração (Ctrl+N)
empty-manual-hint = Digite a chave ou o link que o serviço mostra abaixo do código QR.
row-copy = Copiar o código
row-reveal = Mostrar o código
no-match = Nada corresponde a “{ $query }”.
no-match-hint = Tecle Esc para limpar a busca, ou adicione a conta se ela estiver faltando.
copied = { $secs ->
    [one] Código copiado. A área de transferência será limpa em { $secs } segundo.
   *[other] Código copiado. A área de transferência será limpa em { $secs } segundos.
}
copied-no-clear = Código copiado.
clipboard-cleared = A área de transferência foi limpa.
next-code = Próximo código
next-code-small = próximo: { $code }
clock-offset-shown = Os códigos usam um ajuste de relógio de { $secs } segundos (veja Configurações).
clock-system-synced = Relógio do sistema: sincronizado (segundo o { $source }).
clock-system-not-synced = Relógio do sistema: NÃO sincronizado (segundo o { $source }). Ative a hora pela rede com: timedatectl set-ntp true
clock-system-unknown = Relógio do sistema: nada neste sistema informa se ele está sincronizado.
clock-no-server = Nenhum servidor de hora informado, então nada foi enviado pela rede. Para medir a diferença deste computador: tessera clock --server HOST (por exemplo pool.ntp.org).
clock-ahead = Comparado a { $server }: este computador está { $secs } s adiantado (ida e volta de { $rtt } ms).
clock-behind = Comparado a { $server }: este computador está { $secs } s atrasado (ida e volta de { $rtt } ms).
clock-offset-advice = Os serviços podem recusar códigos gerados neste computador. Acerte o relógio (timedatectl set-ntp true) ou aplique um ajuste de { $secs } segundos no aplicativo (Configurações, ajuste de relógio).
clock-banner-ahead = O relógio deste computador está { $secs } s adiantado em relação a { $server }: os serviços podem recusar os códigos.
clock-banner-behind = O relógio deste computador está { $secs } s atrasado em relação a { $server }: os serviços podem recusar os códigos.
clock-banner-not-synced = O sistema diz que o relógio não está sincronizado: se os códigos forem recusados, ative a hora pela rede nas configurações do sistema ou informe um servidor de hora em Configurações para medir a diferença.
apply-clock-offset = Usar um ajuste de { $secs } s
clock-measured = Medido: o servidor de hora { $server } está a { $secs } s deste computador.
time-server = Servidor de hora (opcional)
time-server-hint = Consultado a cada desbloqueio para saber se os códigos estariam errados. Nada é enviado pela rede enquanto estiver vazio.
time-server-invalid = Não é um servidor de hora: escreva HOST ou HOST:PORTA, por exemplo pool.ntp.org.
check-clock = Verificar agora
err-sntp-bad-server = { $given } não é um servidor de hora. Escreva HOST ou HOST:PORTA, por exemplo pool.ntp.org ou 192.168.1.1:123.
err-sntp-resolve = Não foi possível encontrar o servidor de hora { $server } ({ $detail }). Verifique o nome e a conexão de rede.
err-sntp-no-answer = O servidor de hora { $server } não respondeu em { $seconds } s. Verifique o nome e a porta, e se um firewall deixa passar o NTP (porta UDP 123).
err-sntp-refused = O servidor de hora { $server } recusou o pedido ({ $code }). Tente mais tarde ou use outro servidor.
err-sntp-unsynchronised = O servidor de hora { $server } diz que o próprio relógio não está sincronizado, então não é confiável. Use outro servidor.
err-sntp-network = Não foi possível alcançar o servidor de hora { $server } ({ $detail }). Verifique a conexão de rede.
details = Detalhes
hidden-code = ••• ••• (clique para ver)
counter-label = contador { $counter }
favourite = Favorita
icon-label = Ícone
icon-search = Digite o nome de um serviço
icon-automatic = Automático (pelo emissor)
icon-letter = Só a letra
icon-shows = A lista mostra o ícone de { $brand }.
icon-shows-letter = A lista mostra a primeira letra do emissor.
icon-chosen = Escolhido: { $icon }
icon-no-match = Nenhum ícone se chama “{ $query }”: tente outro nome, ou parte dele.
no-issuer = (sem emissor)
entry-gone = esta conta não está mais no cofre (foi removida em outro lugar)
not-counter-based = o código desta conta muda sozinho; não há próximo código para pedir
counter-at-max = o contador não pode subir mais; esta conta não pode dar mais códigos
add-title = Adicionar uma conta
issuer = Emissor
issuer-placeholder = ex.: ACME Cloud
account-name = Conta
account-placeholder = ex.: joao@exemplo.com.br
setup-key = Chave de configuração
setup-key-placeholder = A chave que o serviço mostra, ou um link otpauth:// inteiro
show-advanced = Mostrar opções avançadas
hide-advanced = Ocultar opções avançadas
type = Tipo
algorithm = Algoritmo
digits = Dígitos
period = Período (segundos)
counter = Contador
type-totp = Por tempo (TOTP)
type-hotp = Por contador (HOTP)
type-steam = Steam Guard
check-code = Esta chave gera { $code } agora. Confira com o serviço antes de salvar.
check-code-hotp = Esta chave gera { $code } no contador { $counter }. Confira com o serviço antes de salvar.
filled-from-link = Preenchido a partir do link otpauth://.
key-invalid-char = “{ $char }” na posição { $position } não vale numa chave de configuração: as chaves usam só as letras A–Z e os dígitos 2–7 (um 0, 1 ou 8 costuma ser um O, I ou B digitado errado).
key-empty = Informe a chave de configuração que o serviço mostra (espaços e minúsculas são aceitos).
key-padding = A chave tem “=” na posição { $position }, antes do fim; copie a chave de novo.
not-a-number = { $field } precisa ser um número inteiro.
duplicate-secret = Esta chave já está no cofre como { $label }.
duplicate-name = Já existe uma conta chamada { $label }; salvar adiciona uma segunda.
added = { $label } adicionada.
add-button = Adicionar
details-title = Detalhes da conta
group = Grupo
group-placeholder = ex.: Trabalho
notes = Notas
delete = Excluir…
delete-confirm = Excluir { $label }? O Tessera não mostrará mais os códigos dela; confirme que você ainda consegue entrar no serviço.
delete-yes = Excluir de vez
saved = Salvo.
deleted = { $label } excluída.
settings-title = Configurações
settings-appearance = Aparência
settings-security = Segurança
settings-privacy = Códigos e privacidade
settings-time = Horário
settings-backup = Backups e exportação
settings-desktop = Área de trabalho
reduce-motion = Reduzir movimento
reduce-motion-hint = Nada se move sozinho (a barra de espera fica parada); a contagem regressiva ainda muda uma vez por segundo. Também ativo quando a área de trabalho pede movimento reduzido.
details-account-group = Conta
details-icon-group = Ícone
details-code-group = Configurações do código
details-more-group = Recuperação e transferência
theme = Tema
theme-system = Seguir o sistema
theme-light = Claro
theme-dark = Escuro
theme-high-contrast = Alto contraste
text-size = Tamanho do texto
text-size-percent = { $percent } %
language = Idioma
language-system = Do sistema ({ $name })
auto-lock = Bloquear após estes minutos sem uso
auto-lock-hint = 0 nunca bloqueia sozinho.
clipboard-delay = Limpar um código copiado após (segundos)
clipboard-delay-hint = Só limpa se a área de transferência ainda tiver o código; 0 nunca limpa.
hide-codes = Ocultar os códigos até clicar
hide-codes-unfocused = Ocultar os códigos quando a janela não estiver em foco
hide-codes-unfocused-hint = Ctrl+H oculta ou mostra todos os códigos de uma vez, para compartilhar a tela.
keep-in-tray = Continuar na bandeja do sistema quando a janela for fechada
keep-in-tray-hint = Requer uma bandeja: KDE Plasma, XFCE, Cinnamon e MATE têm uma; o GNOME precisa da extensão AppIndicator. Sem ela, fechar encerra o app.
shortcut = Atalho global
shortcut-use = Usar
shortcut-hint = Traz o Tessera de qualquer janela com o campo de busca em foco: digite um nome, tecle Enter e aquele código é copiado. Escreva como Super+Shift+T: Super, Ctrl, Alt ou Shift ligados por + a uma letra, um dígito ou F1–F24. Deixe vazio para nenhum.
shortcut-invalid = “{ $text }” não é um atalho que o Tessera possa usar. Escreva como Super+Shift+T, com Super, Ctrl ou Alt (uma tecla sozinha deixaria de digitar em qualquer outro lugar).
shortcut-taken = Outro programa já usa { $shortcut }, então o Tessera não pode usá-lo. Escolha outro atalho aqui ou libere-o nas configurações daquele programa.
shortcut-no-key = Este teclado não tem tecla para { $shortcut }. Escolha outro atalho.
shortcut-wayland = No Wayland, o Tessera ainda não consegue definir um atalho global sozinho. Crie um nas configurações de teclado do seu ambiente que execute: tessera --search
shortcut-no-display = Não foi possível acessar o display X, então o atalho global não funciona nesta sessão. Reiniciar o Tessera dentro da sua sessão gráfica costuma resolver.
tray-show = Mostrar o Tessera
tray-unlock = Desbloquear…
tray-quit = Sair
codes-concealed = Códigos ocultos. Pressione Ctrl+H para mostrá-los.
codes-shown-again = Códigos à mostra.
reveal-secret = Mostrar
conceal-secret = Ocultar
clock-offset = Ajuste do relógio (segundos)
clock-offset-hint = Se os serviços recusam os códigos porque o relógio deste computador está errado, ajuste aqui (por exemplo -30).
change-password = Trocar a senha
changing-password = Trocando a senha…
new-password = Nova senha
password-changed = A senha foi trocada, e o cofre foi cifrado de novo com uma chave nova.
password-changed-keyring-off = A senha foi trocada, e o cofre foi cifrado de novo com uma chave nova. O desbloqueio pelo chaveiro foi desligado porque o chaveiro do sistema não respondeu; ligue-o de novo abaixo.
keyring-setting = Desbloquear pelo chaveiro do sistema
keyring-on = O chaveiro do sistema agora desbloqueia o cofre.
keyring-off = O desbloqueio pelo chaveiro está desligado e o cofre foi cifrado de novo com uma chave nova; a senha será pedida daqui em diante.
keyring-off-key-left = O desbloqueio pelo chaveiro está desligado e o cofre foi cifrado de novo com uma chave nova; a senha será pedida daqui em diante. A chave antiga não pôde ser removida do chaveiro ({ $reason }): ela não abre nada salvo daqui em diante, e você pode apagar os itens “Tessera vault unlock key” e “Tessera vault versions seen” no gerenciador de chaveiro (Senhas e chaves).
settings-save-failed = As configurações não puderam ser salvas ({ $reason }); elas valem até o Tessera fechar.
settings-broken = O arquivo de configurações não pôde ser lido ({ $reason }); os valores padrão são usados até você mudar algo.
keyring-off-ask = Digite a senha do cofre para desligar o desbloqueio pelo chaveiro. O cofre é cifrado de novo com uma chave nova, e a chave que ficou no chaveiro não abre nada salvo daqui em diante.
keyring-off-confirm = Desligar e cifrar de novo
apply = Aplicar
choose-images-title = Escolha imagens com códigos QR, ou a exportação de outro app
images-filter = Imagens e exportações
no-file-chosen = Nenhum arquivo foi escolhido. Se nenhuma janela de arquivos apareceu, digite abaixo o caminho da imagem ou solte o arquivo nesta janela.
show-qr-button = Mostrar código QR
show-qr-title = Levar esta conta para um celular
show-qr-warning = O código QR contém a chave secreta de { $label }. Quem o vir, ou uma foto dele, pode gerar seus códigos. Mostre-o só para lê-lo com o seu celular, sem ninguém olhando.
show-qr-yes = Mostrar o código QR
show-qr-hint = Leia-o com o app autenticador do celular e depois escolha Concluir.
done = Concluir
move-to-phone = Levar ao celular
export-title = Levar contas ao Google Authenticator
export-intro = Escolha as contas a levar. Elas aparecem como códigos QR de exportação do Google Authenticator, até dez contas em cada.
continue = Continuar
export-warning = { $n ->
    [one] O código QR contém a chave secreta de { $n } conta. Quem o vir, ou uma foto dele, pode gerar seus códigos. Mostre-o só para lê-lo com o seu celular, sem ninguém olhando.
   *[other] Os códigos QR contêm as chaves secretas de { $n } contas. Quem os vir, ou uma foto deles, pode gerar seus códigos. Mostre-os só para lê-los com o seu celular, sem ninguém olhando.
}
export-yes = Mostrar os códigos QR
export-counter = Código QR { $index } de { $size }
export-hint = No Google Authenticator escolha Transferir contas, depois Importar contas, e leia cada código na sequência.
export-nothing = Nenhuma das contas escolhidas cabe numa exportação do Google Authenticator.
export-skipped = { $label } ficou de fora: { $reason }.
previous = Anterior
next = Próximo
recovery-button = Códigos de recuperação
recovery-title = Códigos de recuperação de { $label }
recovery-intro = Códigos de uso único que o serviço forneceu para quando este aparelho se perder. Cada um vale uma vez.
recovery-none = Ainda não há códigos de recuperação guardados para esta conta. Cole abaixo o bloco que o serviço mostra.
recovery-count = { $total ->
    [one] { $left } de { $total } código sem uso
   *[other] { $left } de { $total } códigos sem uso
}
recovery-use = Copiar e marcar como usado
recovery-used-at = usado em { $when }
recovery-paste-label = Cole os códigos como o serviço os mostra (um por linha, em colunas, numerados: qualquer formato serve):
recovery-save = Salvar códigos
recovery-replace = Substituir os códigos atuais
recovery-replace-confirm = Isto substitui todos os { $total } códigos guardados, usados ou não, pelos { $n } colados. Faça isso quando o serviço gerar códigos novos.
recovery-replace-yes = Substituir
recovery-saved = { $n ->
    [one] { $n } código de recuperação salvo.
   *[other] { $n } códigos de recuperação salvos.
}
recovery-copied = Código de recuperação copiado e marcado como usado.
cleared-in = { $secs ->
    [one] A área de transferência será limpa em { $secs } segundo.
   *[other] A área de transferência será limpa em { $secs } segundos.
}
recovery-few = { $n ->
    [one] resta { $n } código de recuperação
   *[other] restam { $n } códigos de recuperação
}
recovery-exhausted = Nenhum código de recuperação restante
from-qr-title = De um código QR
from-qr-hint = Solte arquivos de imagem em qualquer lugar desta janela, tecle Ctrl+V com uma imagem de QR ou um link otpauth:// copiado, ou leia o que a tela mostra.
choose-images = Escolher imagens…
paste-button = Colar (Ctrl+V)
scan-screen = Ler a tela
image-path-placeholder = Ou digite o caminho de um arquivo de imagem e tecle Enter
open-path = Abrir
manual-title = Digitar a chave de configuração
scanning = Procurando códigos QR…
review-title = Contas encontradas
review-intro = Marque as contas a adicionar. As que já estão no cofre começam desmarcadas.
review-nothing = Nenhuma conta para adicionar foi encontrada.
review-more = Solte mais imagens ou tecle Ctrl+V para juntá-las a esta lista.
import-add-one = Adicionar 1 conta
import-add-many = { $n ->
    [one] Adicionar { $n } conta
   *[other] Adicionar { $n } contas
}
export-part = { $source }, parte { $index } de { $size } de uma exportação do Google Authenticator
origin-screen = A tela
origin-clipboard = A área de transferência
no-code-in-file = { $source }: nenhum código QR foi encontrado. Verifique se o código aparece inteiro, sem cortes, ou digite a chave de configuração.
no-code-on-screen = Nenhum código QR está visível na tela. Deixe o código inteiro à vista, sem outras janelas por cima, e leia de novo; ou salve-o como imagem e abra-a.
no-code-in-clipboard = A imagem na área de transferência não tem código QR. Copie o próprio código QR (ou o link otpauth://) e cole de novo.
file-unreadable = { $source } não pôde ser lido ({ $reason }). Verifique se o arquivo ainda existe e se você pode abri-lo.
image-unreadable = { $source } não pôde ser lido: { $reason }
drop-hint = Solte a imagem aqui para adicionar as contas do código QR
export-locked = { $source } é uma exportação cifrada do { $format }. Digite a senha usada na exportação para ver as contas.
export-password = Senha da exportação
export-open = Abrir
export-unreadable = { $source }: { $reason }
screen-failed = A tela não pôde ser capturada: { $reason }
clipboard-failed = A área de transferência não pôde ser lida: { $reason }
not-a-key = { $source }: { $reason }
left-out = { $source }: { $label } ficou de fora ({ $reason }).
missing-part = Ainda falta a parte { $part } de { $size } de uma exportação do Google Authenticator; leia-a também.
missing-parts = Ainda faltam as partes { $parts } de { $size } de uma exportação do Google Authenticator; leia-as também.
and = e
imported-accounts = { $n ->
    [one] { $n } conta adicionada.
   *[other] { $n } contas adicionadas.
}
delete-images-offer = Os arquivos de imagem ({ $files }) ainda guardam as chaves secretas às claras: quem os abrir pode gerar seus códigos. Apagá-los agora?
delete-images = Apagar as imagens
keep-images = Manter
images-deleted = { $n ->
    [one] { $n } arquivo de imagem apagado.
   *[other] { $n } arquivos de imagem apagados.
}
delete-images-failed = Nem todas as imagens puderam ser apagadas: { $reason }

## Os erros do núcleo (src/i18n/errors.rs), mostrados pelo app e pela linha de comando.
## São orações: a linha de comando põe a primeira letra em maiúscula e o ponto final.

# Texto sem mensagem própria (um detalhe do sistema), mostrado como está.
verbatim = { $text }
err-wrong-password = senha incorreta para o cofre em { $path }; tente de novo (maiúsculas e minúsculas contam)
err-keyring-key-rejected = a chave guardada no chaveiro do sistema não abre o cofre em { $path }; desbloqueie com a senha e depois desligue e ligue de novo o desbloqueio pelo chaveiro
err-damaged = o cofre em { $path } está danificado ({ $detail }) e não foi aberto; { $advice }
err-damaged-backup = o último backup íntegro é { $backup }; para voltar a ele, execute `tessera restore { $backup }`
err-damaged-no-backup = nenhum backup íntegro foi encontrado ao lado dele
err-not-a-vault = { $path } não é um cofre do Tessera; confira o caminho dado com --vault ou TESSERA_VAULT
err-newer-version = o cofre em { $path } foi gravado por uma versão mais nova do Tessera (formato { $found }; esta lê até o { $supported }); atualize o Tessera para abri-lo
err-open-elsewhere = o cofre em { $path } está aberto para gravação em outro lugar (outra janela ou comando do Tessera); aguarde um instante e tente de novo
err-replaced = o cofre em { $path } foi substituído por outro cofre depois de aberto; nada foi salvo. Abra-o de novo
err-key-changed = a senha do cofre em { $path } foi trocada em outra janela ou comando do Tessera depois que ele foi desbloqueado aqui; nada foi salvo. Desbloqueie-o de novo com a nova senha
err-rolled-back = o cofre em { $path } é mais antigo que uma versão dele que este computador já abriu ou salvou: uma cópia antiga ou um backup foi posto no lugar dele, por isso não foi aberto. Para voltar a essa versão de propósito, execute `tessera restore { $path }`
err-history-damaged = o registro das versões de um cofre que este computador já viu, { $path }, está danificado, então o Tessera não consegue distinguir uma cópia antiga do cofre da mais nova; se você não alterou esse arquivo, apague-o e abra o cofre de novo
# $source é o arquivo dado a `tessera restore`.
err-different-vault = { $source } é uma cópia de outro cofre, não do cofre em { $path }; nada foi restaurado. Abra-o com --vault
err-copy-of-other-vault = { $copy } é uma cópia de outro cofre, não do cofre em { $path }, por isso não foi mesclado; abra-o com --vault para ver o que ele contém
err-copy-locked = { $copy } é uma cópia do cofre em { $path } salva com outra senha (ela foi trocada em um computador enquanto a cópia estava separada), por isso não foi mesclada; execute `tessera merge { $copy }`, que pede a senha dessa cópia
err-no-vault = não há cofre em { $path }; crie um com `tessera init` ou informe o caminho certo com --vault
err-already-exists = já existe um arquivo em { $path }; o Tessera não vai sobrescrevê-lo. Escolha outro caminho com --vault
err-weak-kdf = o cofre em { $path } pede uma proteção de senha mais fraca ({ $found }) do que o Tessera aceita ({ $floor }); o arquivo pode ter sido adulterado, por isso não foi aberto. Restaure um backup
err-excessive-kdf = o cofre em { $path } pede mais memória ou tempo para verificar a senha ({ $found }) do que o Tessera permite ({ $ceiling }); o arquivo está danificado ou não foi criado pelo Tessera
err-no-such-slot = o cofre em { $path } não tem desbloqueio { $slot } configurado
slot-keyring = pelo chaveiro
slot-password = por senha
err-io = não foi possível { $action } { $path }: { $reason }
io-action-read = ler
io-action-write = gravar
io-action-save = salvar
io-action-flush = descarregar no disco
io-action-lock = bloquear
io-action-create-folder = criar a pasta
io-action-rotate-backup = renovar o backup
io-action-delete = apagar
io-not-found = arquivo ou pasta não encontrado
io-permission-denied = permissão negada
io-already-exists = o arquivo já existe
io-storage-full = não há espaço no disco
io-read-only = o sistema de arquivos é somente leitura
io-is-a-directory = é uma pasta, não um arquivo
io-invalid-data = o conteúdo não é válido
err-random = o gerador de números aleatórios do sistema não está disponível ({ $detail }); nada foi gravado
err-gone = esta conta não está mais no cofre (foi removida em outro lugar); nada foi alterado
err-cancelled = cancelado; nada foi alterado
argv-secret-warning = o { $what } foi dado na linha de comando, onde outros usuários podem lê-lo (ps, /proc) e o histórico do shell o guarda; da próxima vez use `{ $instead }` e cole-o quando for pedido
argv-secret-link = link
argv-secret-recovery-code = código de recuperação
# `tessera restore FILE` deu certo; $n é o número de contas na cópia restaurada.
restore-done = { $n ->
    [one] { $source } foi restaurado como a versão mais nova do cofre em { $path } ({ $n } conta).
   *[other] { $source } foi restaurado como a versão mais nova do cofre em { $path } ({ $n } contas).
}
restore-kept = O cofre que ele substituiu foi guardado como { $backup }.
# O que restaurar uma versão anterior mudaria (`tessera restore`, a tela Restaurar do app).
restore-field = { $field ->
    [issuer] emissor
    [name] nome da conta
    [key] chave secreta
    [kind] tipo de código
    [algorithm] algoritmo
    [digits] dígitos
    [period] período
    [counter] contador HOTP
    [group] grupo
    [favourite] marca de favorita
    [notes] notas
    [icon] ícone
   *[recovery-codes] códigos de recuperação
}
restore-and-more = e mais { $n }
restore-no-change = Restaurá-la não muda nenhuma conta.
restore-back = { $n ->
    [one] 1 conta voltaria: { $names }.
   *[other] { $n } contas voltariam: { $names }.
}
restore-gone = { $n ->
    [one] 1 conta sumiria: { $names }.
   *[other] { $n } contas sumiriam: { $names }.
}
restore-changed = { $account } mudaria: { $fields }.
restore-counter-back = { $account }: o contador HOTP voltaria de { $now } para { $then }, e códigos que o serviço já aceitou seriam mostrados de novo (ele os recusa; use "próximo código" até um funcionar).
restore-unused-again = { $n ->
    [one] { $account }: 1 código de recuperação usado desde então apareceria como não usado (o serviço já o gastou).
   *[other] { $account }: { $n } códigos de recuperação usados desde então apareceriam como não usados (o serviço já os gastou).
}
restore-same = { $n ->
    [one] 1 conta fica como está.
   *[other] { $n } contas ficam como estão.
}
restore-holds = { $n ->
    [one] Esta cópia tem 1 conta.
   *[other] Esta cópia tem { $n } contas.
}
restore-holds-since = { $n ->
    [one] Esta cópia tem 1 conta; sua última mudança foi feita em { $date }.
   *[other] Esta cópia tem { $n } contas; sua última mudança foi feita em { $date }.
}
restore-not-compared = O cofre como está agora tem outra senha que não a desta cópia (ela mudou depois que a cópia foi feita), por isso o que mudaria não é mostrado.
restore-no-vault = Agora não há arquivo de cofre, então nada é comparado: restaurar esta cópia a coloca no lugar, com estas contas.
restore-vault-unreadable = Não foi possível ler o cofre como está agora ({ $reason }), por isso o que mudaria não é mostrado.
restore-other-password = Esta cópia é de antes de uma troca de senha: depois de restaurada, o cofre abre com a senha que tinha então.
restore-date-unknown = data desconhecida
restore-previous = versão anterior { $n }
restore-backup = cópia de segurança
restore-accounts = { $n ->
    [one] 1 conta
   *[other] { $n } contas
}
restore-needs-password = abre com a senha que tinha então
restore-unusable = não pode ser usada: { $reason }
# A tela Restaurar do app (Configurações → "Restaurar uma versão anterior…").
settings-restore = Restaurar uma versão anterior…
restore-title = Restaurar uma versão anterior
restore-intro = As versões que este computador guardou antes de mudanças recentes e as cópias de segurança na sua pasta de cópias, da mais nova à mais antiga. Escolha uma para ver o que restaurá-la mudaria; nada muda até você confirmar.
restore-looking = Procurando versões anteriores…
restore-none = Nenhuma versão anterior está guardada ainda: o cofre não mudou desde que foi aberto aqui, e nenhuma pasta de cópias de segurança tem uma cópia dele.
restore-opening = Abrindo…
restore-ask-password = Esta versão foi salva antes de uma troca de senha: digite a senha que ela tinha então.
restore-open = Abrir
restore-another = Escolher outra
restore-confirm = Restaurar esta versão
restore-done-toast = { $n ->
    [one] Versão anterior restaurada (1 conta).
   *[other] Versão anterior restaurada ({ $n } contas).
}
# Automatic backups (the app's Settings, `tessera backup --auto DIR`).
backup-folder-missing = a pasta de cópias de segurança { $folder } não está lá (um disco removível ou de rede desconectado?). O cofre foi salvo mesmo assim; as cópias automáticas voltam quando a pasta voltar (isto é dito uma vez só)
backups-title = Cópias de segurança automáticas
backups-go-to = Depois de mudanças, uma cópia criptografada vai para { $folder }.
backups-are-off = As cópias de segurança automáticas estão desligadas.
backups-folder-placeholder = Pasta, por exemplo num pendrive
backups-choose = Escolher…
backups-choose-title = Pasta das cópias de segurança automáticas
backups-use = Usar esta pasta
backups-turn-off = Desligar
backups-hint = No máximo uma por minuto; ficam as 10 mais novas e uma por dia durante 30 dias. Cada uma abre com a senha do cofre. Uma pasta ausente (um disco desconectado) é avisada uma vez, e o cofre é salvo mesmo assim.
backups-now-on = As cópias de segurança automáticas vão para { $folder } daqui em diante.
backups-now-off = As cópias de segurança automáticas estão desligadas. As cópias já feitas continuam onde estão.
backup-failed = nenhuma cópia de segurança automática de { $vault } foi feita: { $reason }. O cofre em si foi salvo; confira a pasta de cópias nas Configurações
# Uma cópia de conflito da ferramenta de sincronização (ou `tessera merge FILE`) foi mesclada no cofre.
sync-merged = { $copy } foi mesclado no cofre: { $added } adicionadas, { $changed } alteradas, { $removed } removidas
sync-merged-nothing = { $copy } foi mesclado no cofre: não tinha nada que o cofre não tivesse
sync-merged-kept = A cópia foi tirada da pasta sincronizada e guardada em { $kept }
sync-left = { $copy } parece uma cópia de conflito do cofre, mas não foi mesclada: { $reason }
# O aplicativo mesclou cópias de conflito deixadas ao lado do cofre.
sync-merged-toast = { $n ->
    [one] Uma cópia do cofre alterada em outro computador (um conflito de sincronização) foi mesclada; nada se perdeu.
   *[other] { $n } cópias do cofre alteradas em outros computadores (conflitos de sincronização) foram mescladas; nada se perdeu.
}
sync-locked-banner = Uma cópia do cofre alterada em outro computador ({ $copy }) foi salva com outra senha. Digite essa senha para mesclar as alterações dela.
copy-password = Senha da cópia
merge-copy = Mesclar
copy-merged-toast = { $copy } foi mesclado no cofre.
err-import-unreadable = não foi possível ler o arquivo: { $reason }
err-import-no-code = nenhum código QR encontrado; verifique se o código inteiro está visível e não cortado, ou digite a chave de configuração à mão
err-import-unrecognised = este arquivo não é uma imagem nem uma exportação que o Tessera reconheça pelo conteúdo; uma exportação do WinAuth ou um backup criptografado do andOTP anterior à versão 0.6 não tem como ser reconhecido: indique o formato, como em tessera import --format andotp ARQUIVO (tessera import --help lista os formatos)
err-not-counter-based = { $label } não é uma conta por contador (HOTP); o código dela muda sozinho, então não há próximo código para pedir
err-counter-at-max = o contador de { $label } não pode subir mais; esta conta não pode dar mais códigos
err-kdf-rejected = as configurações de proteção da senha ({ $params }) não puderam ser usadas; nada foi gravado. Por favor, relate isto
err-no-keyring-key = o chaveiro do sistema não tem chave para este cofre; ela pode ter sido removida
err-could-not-write = não foi possível gravar { $path }: { $reason }
err-could-not-delete = não foi possível apagar { $path }: { $reason }
err-crashed = uma tarefa em segundo plano parou inesperadamente ({ $detail }); por favor, relate isto
err-keyring-unavailable = o chaveiro do sistema não está disponível ({ $reason }); o Tessera vai pedir sua senha
err-keyring-item-damaged = o item do chaveiro do sistema para este cofre não pode ser usado ({ $reason }); o Tessera vai pedir sua senha, e desligar e ligar de novo o desbloqueio pelo chaveiro regrava o item
err-invalid-vault-id = `{ $vault_id }` não é um identificador de cofre; isto é um defeito do Tessera, por favor relate-o
err-key-character = a chave de configuração tem um caractere inválido { $character } na posição { $position }; as chaves usam só as letras A-Z e os dígitos 2-7 (um 0, 1 ou 8 costuma ser um O, I ou B digitado errado)
err-key-empty = a chave de configuração está vazia; copie a chave inteira que o serviço mostra
err-key-padding = a chave de configuração tem o preenchimento '=' na posição { $position }, antes do fim; copie a chave de novo
err-digits = códigos de { $found } dígitos não são aceitos; códigos TOTP e HOTP têm 6, 7 ou 8 dígitos. Confira o valor de 'digits' que o serviço informou
err-zero-period = o período do código é 0 segundo; ele precisa ser de pelo menos 1 segundo (a maioria dos serviços usa 30)
err-steam-is-fixed = códigos do Steam Guard sempre usam SHA1, 5 caracteres e 30 segundos; outras configurações não podem ser combinadas com o tipo Steam
err-not-a-uri = isto não é um link otpauth://; cole o link inteiro, que começa com otpauth://, ou digite a chave de configuração
err-uri-scheme = isto é um link { $scheme }://, não uma chave de autenticação; use o link otpauth:// ou a chave de configuração que o serviço mostra
err-uri-migration = isto é uma exportação do Google Authenticator (otpauth-migration://), que pode ter várias contas; importe-a em vez de adicioná-la como uma conta
err-uri-type = o link otpauth:// tem o tipo { $found }; o Tessera aceita totp, hotp e steam
err-uri-encoding = o link otpauth:// tem um { $part } que não é UTF-8 válido com codificação percentual; copie o link de novo
err-uri-no-secret = o link otpauth:// não tem chave (secret); copie o link inteiro ou digite a chave de configuração
err-uri-algorithm = o link otpauth:// pede o algoritmo { $found }; o Tessera aceita SHA1, SHA256 e SHA512
err-uri-not-a-number = o link otpauth:// tem { $param }={ $value }, que não é um número inteiro
err-uri-digits = o link otpauth:// pede códigos de { $found } dígitos; códigos TOTP e HOTP têm 6, 7 ou 8 dígitos
err-uri-zero-period = o link otpauth:// tem period=0; o período precisa ser de pelo menos 1 segundo (normalmente 30)
err-uri-no-counter = o link otpauth://hotp não tem contador; links HOTP precisam dizer onde o contador começa (counter=0 numa conta nova)
err-not-migration = isto não é uma exportação do Google Authenticator; os links de exportação começam com otpauth-migration://offline?data=
err-migration-no-data = o link de exportação do Google Authenticator não tem dados; leia ou copie de novo o código QR da exportação
err-migration-too-large = o link de exportação do Google Authenticator tem { $len } caracteres, mais do que cabe num código QR; não é uma exportação de verdade
err-migration-base64 = os dados da exportação do Google Authenticator não são base64 válido; o link provavelmente foi cortado, então copie-o ou leia-o de novo
err-migration-damaged = os dados da exportação do Google Authenticator estão danificados (não formam uma exportação); leia o código QR de novo
skip-no-secret = ela não tem chave
skip-unsupported-algorithm = ela usa um algoritmo não aceito ({ $name })
skip-unknown-value = ela tem um valor de { $what } desconhecido
skip-negative-counter = o contador dela é negativo
skip-type = o tipo { $kind } não é um que o Tessera gera (TOTP, HOTP e Steam são)
skip-algorithm = ela usa o algoritmo { $name }, que o Tessera não usa
skip-key-encoding = a chave não está em { $encoding } válido
skip-trashed = ela está na lixeira do outro app
skip-encrypted = a chave dela está cifrada com uma chave que fica no celular; adicione esta conta de novo pelas configurações de segurança do serviço
skip-no-codes = ela aprova os acessos por notificação e não tem códigos
export-no-steam = o Google Authenticator não guarda contas do Steam Guard
export-only30s = o Google Authenticator só exporta códigos de 30 segundos, e este usa { $secs } segundos
export-only6or8 = o Google Authenticator só exporta códigos de 6 ou 8 dígitos, e este tem { $digits }
export-counter-too-large = o contador HOTP dela é grande demais para uma exportação do Google Authenticator
err-not-an-image = este arquivo não é uma imagem que o Tessera consiga ler (PNG, JPEG, WebP, GIF, BMP, TIFF); salve o código QR como captura de tela num desses formatos e tente de novo
err-image-format = esta é uma imagem { $format }, que o Tessera não consegue ler; converta-a para PNG ou JPEG (ou faça uma captura de tela dela) e tente de novo
err-image-truncated = este arquivo de imagem está incompleto (termina antes da figura); baixe-o ou copie-o de novo, ou faça outra captura de tela
err-image-corrupt = este arquivo de imagem está danificado e não pode ser decodificado ({ $detail }); abra-o num visualizador de imagens para conferir, ou faça outra captura de tela
err-image-empty = esta imagem está vazia ({ $width }×{ $height } pixels); faça uma captura de tela que mostre o código QR
err-image-too-small = esta imagem tem { $width }×{ $height } pixels, pequena demais para conter um código QR (que precisa de pelo menos { $min }×{ $min }); faça uma captura de tela que mostre o código inteiro
err-image-too-large = esta imagem tem { $width }×{ $height } pixels, mais do que os { $limit } pixels que o Tessera lê; recorte-a em volta do código QR e tente de novo
err-image-file-too-large = este arquivo tem { $len } bytes, mais do que os { $limit } bytes que o Tessera lê como imagem; recorte a figura no código QR ou salve-a como PNG ou JPEG
err-image-memory = decodificar esta imagem precisaria de mais de { $mib } MiB de memória; recorte-a em volta do código QR ou salve-a como PNG ou JPEG de 8 bits
err-pixel-buffer = a imagem capturada está inconsistente ({ $len } bytes para { $width }×{ $height } pixels RGBA); capture-a de novo
err-qr-too-long = o texto é longo demais para um código QR ({ $len } bytes); exporte as contas em grupos menores
err-qr-image = não foi possível gravar a imagem do código QR: { $detail }
err-no-entry = nenhuma conta corresponde a { $query }; `tessera list` mostra todas as contas com seus ids
err-brand-unknown = não há ícone de marca { $given }; `tessera icons --search TEXTO` lista os ícones, `auto` volta a escolher pelo emissor e `none` deixa a letra
err-brand-unknown-nearest = não há ícone de marca { $given }; você quis dizer { $nearest }? `tessera icons --search TEXTO` lista todos
err-ambiguous-entry = { $query } corresponde a { $count } contas ({ $examples }); informe mais do id ou uma busca mais longa
err-recovery-none-found = nenhum código de recuperação foi encontrado no texto; cole os códigos como o serviço os mostra (um por linha, ou separados por espaços ou vírgulas)
err-recovery-too-many = o texto tem mais de { $max } códigos; cole só os códigos de recuperação
err-recovery-unknown = esse código não é um dos códigos de recuperação desta conta; confira se há erros de digitação
err-recovery-used = esse código de recuperação já foi usado (no instante Unix { $at }); use outro
err-no-display = não há tela para capturar: o Tessera precisa de uma sessão X11 ou Wayland para isso; salve a imagem do código QR num arquivo e abra esse arquivo
err-x11 = não foi possível capturar a tela X11 ({ $reason }); salve a imagem do código QR num arquivo e abra esse arquivo
err-portal = não foi possível fazer a captura de tela pelo portal da área de trabalho ({ $reason }); confira se o xdg-desktop-portal e um backend para a sua área de trabalho estão instalados, ou salve a imagem do código QR num arquivo e abra esse arquivo
err-capture-cancelled = a captura de tela foi cancelada; nada foi capturado
err-capture-too-large = a imagem é grande demais para ler ({ $width }×{ $height } pixels, mais de { $limit } pixels); recorte-a no código QR e abra o recorte
err-screenshot-unreadable = não foi possível ler a captura de tela ({ $reason }); salve a imagem do código QR num arquivo e abra esse arquivo
err-clipboard-empty = a área de transferência não tem imagem nem texto; copie a imagem do código QR (ou o link otpauth://) e tente de novo
err-clipboard-unavailable = não foi possível ler a área de transferência ({ $reason }); salve a imagem do código QR num arquivo e abra esse arquivo
err-export-password-needed = esta exportação do { $format } é cifrada; ela precisa da senha usada na exportação
err-export-wrong-password = a senha não decifra esta exportação do { $format }; use a senha escolhida ao exportar (ela pode ser diferente da senha de desbloqueio do app)
err-export-damaged = esta exportação do { $format } está danificada ({ $detail }); exporte de novo pelo { $format }
err-export-fingerprint-only = esta exportação do { $format } só pode ser aberta por impressão digital; exporte de novo pelo { $format } com uma senha (ou sem senha)
err-export-protected = esta exportação do { $format } é protegida por senha de um jeito que o Tessera não lê; exporte de novo pelo { $format } sem criptografia (ou como links otpauth://)
err-export-unknown-version = esta exportação do { $format } tem a versão { $found }, que o Tessera não lê; exporte de novo pelo { $format } como links otpauth://, ou atualize o Tessera
err-export-too-slow = este arquivo do { $format } demora demais para ser lido; ele está danificado ou não foi feito pelo { $format }
err-export-too-many = este arquivo do { $format } tem mais de { $limit } itens, mais do que qualquer arquivo de verdade; ele está danificado ou não foi feito pelo { $format }
err-export-unpacks = esta exportação do { $format } descompacta para mais de { $limit } MiB, mais do que qualquer exportação de verdade; ela está danificada ou não foi feita pelo { $format }
err-write-random = o gerador de números aleatórios do sistema falhou; nada foi gravado, tente de novo
err-write-encode = não foi possível codificar a exportação; nada foi gravado
err-export-too-costly = esta exportação do { $format } pede mais memória ou tempo para verificar a senha do que o Tessera permite; ela está danificada ou não foi feita pelo { $format }
err-export-too-large = este arquivo tem { $len } bytes, mais do que qualquer exportação de autenticador que o Tessera lê
explain-empty-export = esta exportação do Google Authenticator não tem nenhuma conta que o Tessera possa usar
explain-not-a-key = este código QR contém { $what }, não uma chave de autenticação; procure o código QR na página de configuração da verificação em duas etapas do serviço
other-web-address = um endereço da web
other-wifi = os dados de uma rede Wi-Fi
other-email = um endereço de e-mail
other-phone = um número de telefone
other-contact = um cartão de contato
other-text = texto simples
err-wrong-password-unusual-kdf = senha incorreta para o cofre em { $path }; tente de novo (maiúsculas e minúsculas contam). As configurações de senha do arquivo ({ $found }) não são as que o Tessera grava, então ele pode ter sido adulterado: se a senha estiver certa, restaure um backup
err-unsafe-folder = a pasta { $path } pode ser alterada por outros usuários, que poderiam trocar ou voltar o cofre a uma versão antiga; deixe-a só sua (chmod go-w) ou guarde o cofre em outra pasta
err-lock-file-link = o arquivo de trava { $path } é um link simbólico, que o Tessera nunca segue; apague-o se não foi você quem o criou e veja quem mais pode escrever nessa pasta
err-image-unreadable = há um código QR nesta imagem, mas ele não pôde ser lido; tente uma captura de tela maior, ou só do código (amplie antes se ele for pequeno), ou digite a chave de configuração mostrada ao lado do código
file-export-title = Exportar e fazer backup
file-export-open = Exportar e fazer backup…
file-export-intro = O arquivo contém as chaves secretas de todas as contas: guarde-o onde só você tenha acesso e apague-o quando não precisar mais dele.
file-export-kind-aegis = Aegis (JSON cifrado ou simples)
file-export-kind-twofas = 2FAS (.2fas cifrado ou simples)
file-export-kind-uris = Links otpauth://, um por linha (texto simples)
file-export-kind-sheet = Folha de backup para imprimir (HTML com códigos QR)
file-export-plain = Sem senha (quem ler o arquivo terá suas chaves)
file-export-unencrypted-warning = Este arquivo não é cifrado: quem puder lê-lo poderá gerar seus códigos.
file-export-export-password = Senha do arquivo
file-export-path = Salvar como (o caminho completo de um arquivo novo)
file-export-vault-password = A senha do cofre, para confirmar
file-export-export = Exportar
file-export-no-path = Digite onde salvar o arquivo: o caminho completo de um arquivo novo.
file-export-no-export-password = Dê uma senha ao arquivo (duas vezes) ou escolha salvá-lo sem senha.
file-export-no-vault-password = Digite a senha do cofre para confirmar a exportação.
file-export-done = { $count ->
    [one] { $count } conta gravada em { $path }, legível só por você. Apague o arquivo quando não precisar mais dele.
   *[other] { $count } contas gravadas em { $path }, legíveis só por você. Apague o arquivo quando não precisar mais dele.
}
err-export-exists = { $path } já existe; escolha outro nome (nada foi sobrescrito)

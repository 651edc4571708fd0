#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# contrib/bash-completion/delib: loads under bash-completion and completes
# the commands, a command's options, and formats.
# Usage: completion.sh SOURCE_DIR
set -u
src=$1
lib=/usr/share/bash-completion/bash_completion
[ -r "$lib" ] || { echo "bash-completion absent : $lib" >&2; exit 1; }
# shellcheck disable=SC1090
. "$lib"
# shellcheck disable=SC1091
. "$src/contrib/bash-completion/delib"
complete_line() {  # the words of a command line, the last one being completed
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_delib delib "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
check() {
	local want=$1; shift
	local got
	got=$(complete_line "$@")
	[ "$got" = "$want" ] || { echo "$*: « $got » au lieu de « $want »" >&2; exit 1; }
}
check "render " delib re
check "liste " delib --data-dir /tmp li
check "convocation " delib conv
check "--data-dir --force --format --help --output --template " delib convocation d --
check "--data-dir --draft --dump-layout " delib render x.xml --d
check "json text " delib validate x.xml --format ""
check "--shard " delib batch d --sh
check "--max-body --max-connections --max-per-client " delib serve --max-
check "--data-dir --help --version " delib --
check "help " delib he
check "render " delib help ren
check "--force --format " delib render x.xml --f
echo "complétion bash : commandes, options et formats"

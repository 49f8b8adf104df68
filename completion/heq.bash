# Bash completion for heq and its tools. Options come from each tool's own --help, so
# they never go stale; options that take a column (COL, COLS) complete the column names
# in the header of the CSV or TSV file on the command line.

_heq_help_options() {  # program -> its long and short options
  "$1" --help 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z0-9]*' | sed 's/^[ ,]//' | sort -u
}

_heq_column_options() {  # program -> the options whose value is a column
  "$1" --help 2>/dev/null | grep -oE -- '--[a-z][-a-z0-9]* COLS?\b' | cut -d' ' -f1
}

_heq_columns() {  # words... -> the header names of the first existing .csv/.tsv/.txt file
  local w
  for w in "$@"; do
    if [[ -f "$w" && "$w" =~ \.(csv|tsv|txt)$ ]]; then
      local sep=,
      [[ "$w" == *.tsv ]] && sep=$'\t'
      head -1 "$w" | tr -d '\r' | sed 's/^\xef\xbb\xbf//' | tr "$sep" '\n' | sed 's/^"//; s/"$//'
      return
    fi
  done
}

_heq_complete_tool() {  # program current previous words...
  local program=$1 cur=$2 prev=$3
  shift 3
  case "$prev" in
    --format) COMPREPLY=($(compgen -W "csv tsv json ndjson" -- "$cur")); return ;;
    -o|--output|--reference|--observed|--output-dir)
      compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ "$prev" == --* ]] && _heq_column_options "$program" | grep -qx -- "$prev"; then
    local IFS=$'\n'
    local prefix="" word="$cur"
    [[ "$cur" == *,* ]] && prefix="${cur%,*}," word="${cur##*,}"  # --by area,se<TAB>
    COMPREPLY=($(compgen -P "$prefix" -W "$(_heq_columns "$@")" -- "$word"))
    compopt -o nospace 2>/dev/null
    return
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_heq_help_options "$program")" -- "$cur"))
  else
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

_heq_tool() {
  _heq_complete_tool "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" "${COMP_WORDS[@]:1}"
}

_heq() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "life sii gap decompose hle rate prop mean dsr isr quantile funnel measures plot help --help --version" -- "$cur"))
    return
  fi
  local tool=${COMP_WORDS[1]}
  [[ "$tool" == help ]] && return
  _heq_complete_tool "heq-$tool" "$cur" "${COMP_WORDS[COMP_CWORD-1]}" "${COMP_WORDS[@]:2}"
}

complete -F _heq heq
complete -F _heq_tool heq-life heq-sii heq-gap heq-decompose heq-hle heq-rate heq-prop heq-mean heq-dsr \
  heq-isr heq-quantile heq-funnel heq-measures heq-plot

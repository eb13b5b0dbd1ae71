"""sphinx_dftables: the ``df-table`` directive for Sphinx, evaluated by the dftables engine.

A drop-in replacement for the exec-based ``df_tables`` extension (aws-neuron-sdk ``_ext/df_tables.py``):
same directive, same options (every ``csv-table`` option plus ``:df-var:``/``:df-arg:``), same tables,
rendered by docutils' own ``csv-table`` so roles and inline markup in cells work as before. The page
code is never executed by Python: each block is sent to one long-lived ``dftables serve-eval`` Node
process (JSON lines over its stdin/stdout), which evaluates it in a sandbox and returns the CSV that
pandas' ``df.to_csv(index=False)`` would have produced.

conf.py::

    sys.path.insert(0, os.path.abspath('node_modules/dftables/sphinx_dftables'))
    extensions = ['sphinx_dftables']
    # optional:
    dftables_command = ['node', '/opt/dftables/dist/cli.js']   # how to run the dftables CLI
    dftables_root = None        # folder pages may read data from (default: the Sphinx source folder)
    dftables_timeout = None     # seconds per block (default: the engine's, 10)
    dftables_warnings = False   # also report the engine's lint findings (DT6xx) as Sphinx warnings

Stdlib, docutils and Sphinx only: no pandas.
"""

import json
import multiprocessing.util
import os
import shlex
import shutil
import subprocess
import tempfile
import threading

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx.errors import ExtensionError
from sphinx.util import logging

__version__ = '0.1.0'

logger = logging.getLogger(__name__)

_HERE = os.path.dirname(os.path.abspath(__file__))


def default_command():
    """How to run the dftables CLI when conf.py does not say: the CLI of the package this folder
    ships in (``<package>/dist/cli.js``), else ``dftables`` on PATH."""
    cli = os.path.join(os.path.dirname(_HERE), 'dist', 'cli.js')
    if os.path.isfile(cli):
        return [shutil.which('node') or 'node', cli]
    found = shutil.which('dftables')
    if found:
        return [found]
    raise ExtensionError(
        'sphinx_dftables: cannot find the dftables engine (no %s and no dftables on PATH); '
        "set dftables_command in conf.py, e.g. dftables_command = ['node', '/path/to/dftables/dist/cli.js']" % cli)


def server_argv(config):
    """The command line of the evaluation server, from conf.py's dftables_command/dftables_timeout."""
    command = config.dftables_command
    if command is None:
        argv = default_command()
    elif isinstance(command, str):
        argv = shlex.split(command, posix=os.name != 'nt')
    else:
        argv = [str(part) for part in command]
    if not argv:
        raise ExtensionError('sphinx_dftables: dftables_command is empty')
    argv = argv + ['serve-eval']
    if config.dftables_timeout:
        argv += ['--timeout', str(config.dftables_timeout)]
    return argv


class EngineStopped(Exception):
    """The server process ended or answered nonsense; the current block fails, the next one restarts it."""


class Engine:
    """One ``dftables serve-eval`` process, owned by the process that started it.

    Started on first use. Sphinx's parallel read (``-j N``) forks worker processes that inherit this
    object: a worker must never write into its parent's pipe, so ownership is checked by pid and a
    worker starts its own server. Requests are serialised by a lock (one request, one answer).
    """

    def __init__(self, argv):
        self.argv = argv
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.proc = None
        self.stderr = None
        self.next_id = 0
        self.answered = 0

    def _start(self):
        self.stderr = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        except OSError as e:
            raise ExtensionError('sphinx_dftables: cannot start the dftables engine (%s): %s; '
                                 'set dftables_command in conf.py' % (' '.join(self.argv), e)) from e
        self.answered = 0
        # Reaps the server when this process ends, also in forked workers that never see build-finished.
        multiprocessing.util.Finalize(None, self.close, exitpriority=10)

    def _stderr_tail(self):
        try:
            self.stderr.seek(0)
            text = self.stderr.read().decode('utf-8', 'replace').strip()
        except (OSError, ValueError, AttributeError):
            return ''
        return text[-2000:]

    def evaluate(self, request):
        """Sends one request, returns the server's answer (a dict); raises EngineStopped."""
        with self.lock:
            if self.proc is None:
                self._start()
            self.next_id += 1
            request = dict(request, id=self.next_id)
            try:
                self.proc.stdin.write(json.dumps(request).encode('utf-8') + b'\n')
                self.proc.stdin.flush()
                line = self.proc.stdout.readline()
            except OSError:
                line = b''
            if not line:
                return self._stopped('the dftables engine stopped')
            try:
                answer = json.loads(line.decode('utf-8'))
            except ValueError:
                return self._stopped('the dftables engine answered something that is not JSON: %r' % line[:200])
            if not isinstance(answer, dict) or answer.get('id') != request['id']:
                return self._stopped('the dftables engine answered out of turn: %r' % line[:200])
            self.answered += 1
            return answer

    def _stopped(self, why):
        tail = self._stderr_tail()
        never_worked = self.answered == 0
        self._end(graceful=False)
        message = why + (':\n' + tail if tail else '')
        if never_worked:
            # Not one answer: the command is wrong (or not a dftables with serve-eval); every block would
            # fail the same way, so stop the build with one clear message.
            raise ExtensionError('sphinx_dftables: %s (command: %s); check dftables_command in conf.py'
                                 % (message, ' '.join(self.argv)))
        raise EngineStopped(message)

    def _end(self, graceful):
        """Stops the server (EOF on its stdin makes it exit; kill if it does not) and frees its pipes."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if graceful:
                proc.stdin.close()
                proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for f in (proc.stdin, proc.stdout, self.stderr):
            try:
                f.close()
            except (OSError, AttributeError):
                pass

    def close(self):
        """Ends the server. A no-op in a process that does not own it (a forked worker's inherited copy)."""
        if os.getpid() != self.pid:
            return
        with self.lock:
            self._end(graceful=True)


_engine = None
_engine_lock = threading.Lock()


def get_engine(config):
    """This process's engine, started lazily; a forked worker gets a fresh one of its own."""
    global _engine
    with _engine_lock:
        if _engine is None or _engine.pid != os.getpid():
            # An engine inherited through fork belongs to the parent: leave its process alone.
            _engine = Engine(server_argv(config))
        return _engine


def shutdown_engine(app=None, exception=None):
    """build-finished: stop this process's server (it is started again if another build needs it)."""
    global _engine
    with _engine_lock:
        engine, _engine = _engine, None
    if engine is not None:
        engine.close()


def code_columns(source, lines, content, tab_width=8):
    """How many characters of the page line come before each code line (docutils gives the content
    dedented, with tabs expanded).

    Read from the source file; a line that cannot be matched (generated content, a source-read hook
    that rewrote the page) takes the shift of the line before it.
    """
    try:
        with open(source, encoding='utf-8-sig', errors='replace') as f:
            raw = f.read().splitlines()
    except (OSError, TypeError):
        return [0] * len(lines)
    cols, shift = [], 0
    for line, text in zip(lines, content):
        page_line = raw[line - 1].rstrip() if 0 < line <= len(raw) else ''
        expanded = page_line.expandtabs(tab_width)
        if text.strip() and expanded.endswith(text):
            shift = raw_prefix_length(page_line, len(expanded) - len(text), tab_width)
        cols.append(shift)
    return cols


def raw_prefix_length(line, width, tab_width):
    """How many characters of `line` fill its first `width` columns once tabs are expanded."""
    column = 0
    for i, char in enumerate(line):
        if column >= width:
            return i
        column = (column // tab_width + 1) * tab_width if char == '\t' else column + 1
    return len(line)


def content_lines(content, directive_line):
    """The page line of each code line (docutils keeps each line's origin in the StringList)."""
    lines = []
    for i in range(len(content)):
        offset = content.info(i)[1]
        # Generated content may carry no offset: assume it follows the line before.
        lines.append(offset + 1 if isinstance(offset, int) else (lines[-1] if lines else directive_line) + 1)
    return lines


def result_variable(options):
    """The variable holding the table: the last of :df-var:/:df-arg: given (as the dftables CLI reads them), else df."""
    name = None
    for key, value in options.items():
        if key in ('df-var', 'df-arg') and value:
            name = value.strip()
    return name


class DFTable(CSVTable):
    """``.. df-table::``: a csv-table whose CSV is the result of the pandas code in its body."""

    option_spec = dict(CSVTable.option_spec)
    option_spec['df-var'] = directives.unchanged
    option_spec['df-arg'] = directives.unchanged

    csv_text = ''

    def get_csv_data(self):
        # As the original: the rows of df.to_csv(index=False), parsed by csv-table itself.
        return self.csv_text.splitlines(), None

    def run(self):
        env = self.state.document.settings.env
        config = env.config
        source, line = self.state_machine.get_source_and_line(self.lineno)
        # Data paths are relative to the page's folder, as with the original (it chdir'ed there).
        page = os.path.abspath(self.state.document['source'])
        code_lines = content_lines(self.content, line)
        request = {
            'code': '\n'.join(self.content),
            'file': page,
            'line': line,
            'map': {'lines': code_lines, 'cols': code_columns(source, code_lines, self.content, self.state.document.settings.tab_width)},
            'root': config.dftables_root or os.path.abspath(env.srcdir),
        }
        df_var = result_variable(self.options)
        if df_var:
            request['options'] = {'df-var': df_var}
        try:
            answer = get_engine(config).evaluate(request)
        except EngineStopped as e:
            return [self.report(source, line, 'DT204 internal error: %s' % e)]
        for path in answer.get('files') or []:
            env.note_dependency(path)
        if config.dftables_warnings:
            for w in answer.get('warnings') or []:
                logger.warning(describe(w), type='dftables', subtype=w.get('code'),
                               location='%s:%s' % (source, w.get('line') or line))
        if not answer.get('ok'):
            error = answer.get('error') or {}
            return [self.report(source, error.get('line') or line, describe(error))]
        self.csv_text = answer.get('csv') or ''
        return super().run()

    def report(self, source, line, message):
        """An error at a page line, shown as Sphinx shows any directive error (page.rst:44: ERROR: ...)."""
        return self.reporter.error(message, nodes.literal_block(self.block_text, self.block_text), source=source, line=line)


def describe(diagnostic):
    """``DT201 column 'x' not found (col 31)`` and the hint on the lines below."""
    text = '%s %s' % (diagnostic.get('code', 'DT204'), diagnostic.get('message', 'unknown error'))
    if diagnostic.get('column'):
        text += ' (col %s)' % diagnostic['column']
    if diagnostic.get('hint'):
        text += '\n' + diagnostic['hint']
    return text


def resolve_root(app, config):
    """config-inited: a relative dftables_root is relative to conf.py's folder, like Sphinx's own paths."""
    if config.dftables_root:
        config.dftables_root = os.path.abspath(os.path.join(app.confdir, config.dftables_root))


def setup(app):
    app.add_config_value('dftables_command', None, '')
    app.add_config_value('dftables_root', None, 'env')
    app.add_config_value('dftables_timeout', None, '')
    app.add_config_value('dftables_warnings', False, '')
    app.add_directive('df-table', DFTable)
    app.connect('config-inited', resolve_root)
    app.connect('build-finished', shutdown_engine)
    return {
        'version': __version__,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

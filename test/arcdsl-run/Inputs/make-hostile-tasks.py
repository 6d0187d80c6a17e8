#!/usr/bin/env python3
"""Write a directory of hostile ARC task files (for hostile-tasks.test):
usage: make-hostile-tasks.py GOOD_TASK.json OUT_DIR
Two good tasks (one with a UTF-8 byte order mark), one good task with 700
train pairs on a single 2.6 MB line, and one file per way a task file can
be bad. The ids sort in the order the test checks them."""
import json
import os
import sys

good_path, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
good = open(good_path, 'rb').read()
task = json.loads(good)


def put(name, data):
    with open(os.path.join(out, name + '.json'), 'wb') as fh:
        fh.write(data if isinstance(data, bytes) else data.encode())


def with_input(grid):
    return json.dumps({'train': [{'input': grid, 'output': [[1]]}], 'test': []})


put('a_good', good)
put('b_bom', b'\xef\xbb\xbf' + good)
os.mkfifo(os.path.join(out, 'c_fifo.json'))
os.symlink('/dev/zero', os.path.join(out, 'd_zero.json'))
put('e_big', b' ' * (5 << 20) + b'{}')
os.mkdir(os.path.join(out, 'f_dir.json'))
put('g_ragged', with_input([[1, 2], [3]]))
put('h_colour10', with_input([[1, 10]]))
put('i_colour_negative', with_input([[-1]]))
put('j_colour_float', with_input([[1.5]]))
put('k_31_rows', with_input([[0]] * 31))
put('l_31_columns', with_input([[0] * 31]))
put('m_empty_grid', with_input([]))
put('n_huge_number', with_input([[123456789012345678901234567890]]))
put('o_deep', '[' * 100000 + ']' * 100000)
put('p_truncated', good[:len(good) // 2])
put('q_not_an_object', '[1, 2]')
big = [[(r * 7 + c) % 10 for c in range(30)] for r in range(30)]
put('r_long_line', json.dumps({'train': [{'input': big, 'output': big}] * 700,
                               'test': [{'input': big}]}, separators=(',', ':')))
put('s_nul', b'{"train": [\x00]}')
put('t_strings', with_input([["1"]]))

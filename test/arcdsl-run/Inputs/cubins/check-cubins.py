"""Prints what a kernel bundle's cubins are: for each chip, whether it is a
linked CUDA ELF (EM_CUDA 190, ET_EXEC) for that SM (e_flags bits 8-15) and
holds the dispatch kernel's name."""
import base64
import json
import struct
import sys

bundle = json.load(open(sys.argv[1]))
cubins = bundle.get('cubins', {})
print('chip', bundle['chip'], 'cubins', ' '.join(sorted(cubins)) or 'none')
for chip, text in sorted(cubins.items()):
    image = base64.b64decode(text)
    etype, machine = struct.unpack('<HH', image[16:20])
    sm = (struct.unpack('<I', image[48:52])[0] >> 8) & 0xff
    print(chip, 'elf' if image[:4] == b'\x7fELF' else 'not-elf',
          'machine', machine, 'type', etype, 'sm', sm,
          'dispatch', b'arcdsl_dispatch' in image)

"""Documents: gathering a PDF's data from the services and handing it to export/.

Each kind in :mod:`.kinds` names a builder here; builders read the services,
then call a renderer in :mod:`pe_desktop.export` with plain data. Export never
imports services, so the dependency runs one way.
"""

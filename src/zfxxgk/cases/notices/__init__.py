"""Every notice of the procedure as a document (条例第三十条、第三十二条、第三十三条、第三十六条至第三十九条;
国办函〔2020〕109号).

One module per notice builds its paragraphs from plain data (no Django): :mod:`.correction`
(补正告知书), :mod:`.consultation` (征求第三方意见书), :mod:`.extension` (延期答复告知书),
:mod:`.fee` (收费通知书) and :mod:`.reply` (答复告知书, the wording of :mod:`..letters`); they share
the official letter layout of :mod:`.layout`. The platform part — numbering (:mod:`.numbering`),
issuing a notice when its event is recorded (:mod:`.issue`) and the ``notice_issued`` signal
(:mod:`.signals`) — needs Django and is imported from those modules, never from here, so the
letters stay usable without a server.
"""

"""``zfxxgk manage publishing_reindex``: rebuild the search index of public publications.

Run it after restoring a database, after changing publications outside the services (the admin,
SQL), or to rebuild at once after an upgrade changed the tokenizer (otherwise the first search
queues the rebuild for the background worker). ``--check`` only says whether the index is current.
"""
import time

from django.core.management.base import BaseCommand

from ... import search
from ...models import Publication
from ...search import text


class Command(BaseCommand):
    help = "重建主动公开信息全文检索索引（标题、正文、附件文字）"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查索引是否与当前分词版本和已发布信息一致，不重建")

    def handle(self, *args, check: bool, **options):
        index = search.backend()
        if check:
            stored = index.version()
            indexed, public = index.publication_ids(), set(Publication.objects.public().values_list("pk", flat=True))
            current = stored == text.VERSION and indexed == public
            self.stdout.write(f"分词版本：索引 {stored or '（无）'}，当前 {text.VERSION}；"
                              f"已发布信息 {len(public)} 条，索引中 {len(indexed)} 条，"
                              f"缺少 {len(public - indexed)} 条，多余 {len(indexed - public)} 条。"
                              + ("索引是最新的。" if current else "需要重建：zfxxgk manage publishing_reindex"))
            return
        started = time.monotonic()
        n = search.rebuild()
        self.stdout.write(f"已重建全文检索索引：{n} 条已发布信息，用时 {time.monotonic() - started:.1f} 秒。")

# Tables 三 and 四 of every report and version as 190 numbers (annual.tables), for the dashboard's sums.

from django.db import migrations, models


def fill(apps, schema_editor):
    # The models of the migration state have no save() of their own: the list is packed here.
    from zfxxgk.annual.tables import from_document, from_draft, pack

    for model, source, packed in ((apps.get_model("annual", "AnnualReport"), "figures", from_draft),
                                  (apps.get_model("annual", "Version"), "document", from_document)):
        batch = []
        for row in model.objects.only("pk", source).iterator(chunk_size=500):
            row.tables = pack(packed(getattr(row, source)))
            batch.append(row)
            if len(batch) >= 500:
                model.objects.bulk_update(batch, ["tables"])
                batch = []
        model.objects.bulk_update(batch, ["tables"])


class Migration(migrations.Migration):

    dependencies = [
        ('annual', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='annualreport',
            name='tables',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='表三表四（汇总用）'),
        ),
        migrations.AddField(
            model_name='version',
            name='tables',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='表三表四（汇总用）'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

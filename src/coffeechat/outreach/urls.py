from coffeechat.core.crud import entity_urls
from coffeechat.outreach.views import ENTITIES

app_name = "outreach"
urlpatterns = entity_urls(ENTITIES)

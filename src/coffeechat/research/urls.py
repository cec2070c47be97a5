from coffeechat.core.crud import entity_urls
from coffeechat.research.views import ENTITIES

app_name = "research"
urlpatterns = entity_urls(ENTITIES)
